package org.linuxssi.drmaa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ggf.drmaa.AlreadyActiveSessionException;
import org.ggf.drmaa.DeniedByDrmException;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.DrmsInitException;
import org.ggf.drmaa.ExitTimeoutException;
import org.ggf.drmaa.HoldInconsistentStateException;
import org.ggf.drmaa.InternalException;
import org.ggf.drmaa.InvalidAttributeValueException;
import org.ggf.drmaa.InvalidContactStringException;
import org.ggf.drmaa.InvalidJobException;
import org.ggf.drmaa.InvalidJobTemplateException;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.NoActiveSessionException;
import org.ggf.drmaa.ReleaseInconsistentStateException;
import org.ggf.drmaa.ResumeInconsistentStateException;
import org.ggf.drmaa.Session;
import org.ggf.drmaa.SuspendInconsistentStateException;
import org.ggf.drmaa.Version;
import org.linuxssi.api.v1.ControlOutcome;
import org.linuxssi.api.v1.ControlReply;
import org.linuxssi.api.v1.ControlRequest;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.api.v1.JobControlResult;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.OpenSessionRequest;
import org.linuxssi.api.v1.ReapRequest;
import org.linuxssi.api.v1.SubmitReply;
import org.linuxssi.api.v1.SubmitRequest;

/**
 * A DRMAA session backed by a LinuxSSI cluster. Sessions and jobs live in the cluster's
 * replicated state: {@link #exit()} leaves them there, and {@code init} with the contact string
 * of {@link #getContact()} finds them again, from any process of the same user. Job ids are the
 * cluster's job numbers. Waiting polls the local daemon, quickly at first, then every half second.
 * Safe to use from several threads.
 */
public final class LinuxSsiSession implements Session {

    static final String DRM_SYSTEM = "LinuxSSI";
    static final String IMPLEMENTATION = "LinuxSSI DRMAA 1.0 (krg-drmaa)";
    private static final long MAX_POLL_MILLIS = 500;

    private final Map<String, String> env;
    private volatile Active active;

    /** An open session: its connection and number. */
    private record Active(DaemonClient client, long sessionId) {
        ContactString contact() {
            return new ContactString(sessionId, client.socket());
        }
    }

    /** A session of its own, beside the factory's one (a program may hold several, e.g. one per daemon). */
    public LinuxSsiSession() {
        this(System.getenv());
    }

    LinuxSsiSession(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public synchronized void init(String contact) throws DrmaaException {
        if (active != null) {
            throw new AlreadyActiveSessionException("this DRMAA session is already open ("
                    + active.contact().format() + "); call exit() first");
        }
        ContactString parsed = ContactString.parse(contact, env);
        DaemonClient client = new DaemonClient(parsed.socket());
        try {
            long id = client.retried(stub -> stub.openSession(OpenSessionRequest.newBuilder()
                    .setSessionId(parsed.session()).build()).getSessionId(), new DaemonClient.Refusals() {
                @Override
                public DrmaaException invalid(String message) {
                    return new InvalidContactStringException(message);
                }

                @Override
                public DrmaaException refused(String message) {
                    return new InvalidContactStringException("contact string '" + contact + "': " + message);
                }
            });
            active = new Active(client, id);
        } catch (org.ggf.drmaa.DrmCommunicationException e) {
            client.close();
            throw new DrmsInitException(e.getMessage());
        } catch (DrmaaException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public synchronized void exit() throws DrmaaException {
        Active open = session();
        active = null;
        open.client().close();
    }

    @Override
    public JobTemplate createJobTemplate() throws DrmaaException {
        session();
        return new LinuxSsiJobTemplate(this);
    }

    @Override
    public void deleteJobTemplate(JobTemplate jt) throws DrmaaException {
        session();
        ours(jt).delete();
    }

    @Override
    public String runJob(JobTemplate jt) throws DrmaaException {
        return submit(jt, false, 0, 0, 0).get(0);
    }

    @Override
    public List<String> runBulkJobs(JobTemplate jt, int start, int end, int incr) throws DrmaaException {
        if (start < 1 || end < start || incr < 1) {
            throw new IllegalArgumentException("bulk range start " + start + ", end " + end + ", increment " + incr
                    + " is impossible (allowed: 1 <= start <= end, increment >= 1)");
        }
        return submit(jt, true, start, end, incr);
    }

    private List<String> submit(JobTemplate jt, boolean bulk, int start, int end, int incr) throws DrmaaException {
        Active open = session();
        org.linuxssi.api.v1.JobTemplate template = TemplateMessage.of(ours(jt));
        SubmitReply reply = open.client().once(stub -> stub.submit(SubmitRequest.newBuilder()
                .setSessionId(open.sessionId()).setTemplate(template).setBulk(bulk).setStart(start).setEnd(end)
                .setIncr(incr).build()), new DaemonClient.Refusals() {
            @Override
            public DrmaaException invalid(String message) {
                return new InvalidAttributeValueException(message);
            }

            @Override
            public DrmaaException refused(String message) {
                return new DeniedByDrmException(message);
            }
        });
        List<String> ids = new ArrayList<>(reply.getCount());
        for (long i = 0; i < reply.getCount(); i++) {
            ids.add(Long.toString(reply.getFirstJobId() + i));
        }
        return ids;
    }

    @Override
    public void control(String jobId, int action) throws DrmaaException {
        Active open = session();
        JobAction jobAction = switch (action) {
            case SUSPEND -> JobAction.JOB_SUSPEND;
            case RESUME -> JobAction.JOB_RESUME;
            case HOLD -> JobAction.JOB_HOLD;
            case RELEASE -> JobAction.JOB_RELEASE;
            case TERMINATE -> JobAction.JOB_TERMINATE;
            default -> throw new IllegalArgumentException("control action " + action + " is unknown (allowed: "
                    + "SUSPEND, RESUME, HOLD, RELEASE, TERMINATE)");
        };
        boolean all = JOB_IDS_SESSION_ALL.equals(jobId);
        ControlRequest.Builder request = ControlRequest.newBuilder().setSessionId(open.sessionId())
                .setAction(jobAction);
        if (!all) {
            request.addJobIds(jobNumber(jobId));
        }
        ControlReply reply = open.client().retried(stub -> stub.control(request.build()), refusals());
        List<String> failures = new ArrayList<>();
        for (JobControlResult result : reply.getResultsList()) {
            if (result.getOutcome() == ControlOutcome.CONTROL_DONE) {
                continue;
            }
            if (!all) {
                throw controlFailure(result, jobAction);
            }
            failures.add(result.getError());
        }
        if (!failures.isEmpty()) {
            throw new InternalException("control of every job of the session failed for " + failures.size()
                    + " job(s): " + String.join("; ", failures));
        }
    }

    private static DrmaaException controlFailure(JobControlResult result, JobAction action) {
        String message = result.getError();
        if (result.getOutcome() == ControlOutcome.CONTROL_NO_SUCH_JOB
                || result.getOutcome() == ControlOutcome.CONTROL_NOT_PERMITTED) {
            return new InvalidJobException(message);
        }
        return switch (action) {
            case JOB_SUSPEND -> new SuspendInconsistentStateException(message);
            case JOB_RESUME -> new ResumeInconsistentStateException(message);
            case JOB_HOLD -> new HoldInconsistentStateException(message);
            case JOB_RELEASE -> new ReleaseInconsistentStateException(message);
            default -> throw new InternalException(message);
        };
    }

    @Override
    public void synchronize(List<String> jobIds, long timeout, boolean dispose) throws DrmaaException {
        Active open = session();
        if (jobIds == null) {
            throw new NullPointerException("jobIds");
        }
        checkTimeout(timeout);
        List<Long> numbers = new ArrayList<>();
        boolean all = jobIds.contains(JOB_IDS_SESSION_ALL);
        if (!all) {
            for (String id : jobIds) {
                numbers.add(jobNumber(id));
            }
        }
        ListJobsRequest query = ListJobsRequest.newBuilder().setSessionId(open.sessionId()).addAllJobIds(numbers)
                .setCountsOnly(true).build();
        Waiting waiting = new Waiting(timeout);
        while (true) {
            ListJobsReply reply = open.client().retried(stub -> stub.listJobs(query), refusals());
            if (reply.getUnknownCount() > 0) {
                throw new InvalidJobException("no job " + reply.getUnknown(0) + " in session " + open.sessionId()
                        + " (never submitted, or already reaped)");
            }
            if (reply.getUnfinished() == 0) {
                break;
            }
            waiting.pause("jobs of session " + open.sessionId() + " still running: " + reply.getUnfinished());
        }
        if (dispose) {
            ReapRequest.Builder reap = ReapRequest.newBuilder().setSessionId(open.sessionId());
            if (all) {
                ListJobsReply every = open.client().retried(stub -> stub.listJobs(ListJobsRequest.newBuilder()
                        .setSessionId(open.sessionId()).setFinishedOnly(true).build()), refusals());
                every.getJobsList().forEach(s -> reap.addJobIds(s.getJob().getJobId()));
            } else {
                reap.addAllJobIds(numbers);
            }
            open.client().retried(stub -> stub.reap(reap.build()), refusals());
        }
    }

    @Override
    public JobInfo wait(String jobId, long timeout) throws DrmaaException {
        Active open = session();
        checkTimeout(timeout);
        boolean any = JOB_IDS_SESSION_ANY.equals(jobId);
        ListJobsRequest.Builder query = ListJobsRequest.newBuilder().setSessionId(open.sessionId())
                .setFinishedOnly(true).setLimit(1);
        if (!any) {
            query.addJobIds(jobNumber(jobId));
        }
        Waiting waiting = new Waiting(timeout);
        while (true) {
            ListJobsReply reply = open.client().retried(stub -> stub.listJobs(query.build()), refusals());
            if (reply.getUnknownCount() > 0) {
                throw new InvalidJobException("no job " + jobId + " in session " + open.sessionId()
                        + " (never submitted, or already reaped)");
            }
            if (reply.getJobsCount() > 0) {
                JobStatus finished = reply.getJobs(0);
                open.client().retried(stub -> stub.reap(ReapRequest.newBuilder().setSessionId(open.sessionId())
                        .addJobIds(finished.getJob().getJobId()).build()), refusals());
                return new LinuxSsiJobInfo(finished);
            }
            if (any && reply.getUnfinished() == 0) {
                throw new InvalidJobException("session " + open.sessionId() + " has no job left to wait for");
            }
            waiting.pause(any ? "no job of session " + open.sessionId() + " has finished" : "job " + jobId
                    + " has not finished");
        }
    }

    @Override
    public int getJobProgramStatus(String jobId) throws DrmaaException {
        Active open = session();
        long number = jobNumber(jobId);
        ListJobsReply reply = open.client().retried(stub -> stub.listJobs(ListJobsRequest.newBuilder()
                .setSessionId(open.sessionId()).addJobIds(number).build()), refusals());
        if (reply.getJobsCount() == 0) {
            throw new InvalidJobException("no job " + jobId + " in session " + open.sessionId()
                    + " (never submitted, or already reaped)");
        }
        return switch (reply.getJobs(0).getJob().getState()) {
            // A job being launched is not running until its start is recorded: it cannot be suspended yet.
            case JOB_QUEUED, JOB_DISPATCHED -> QUEUED_ACTIVE;
            case JOB_HELD -> USER_ON_HOLD;
            case JOB_RUNNING -> RUNNING;
            case JOB_SUSPENDED -> USER_SUSPENDED;
            case JOB_DONE -> DONE;
            case JOB_FAILED -> FAILED;
            default -> UNDETERMINED;
        };
    }

    @Override
    public String getContact() {
        Active open = active;
        return open == null ? ContactString.SCHEME : open.contact().format();
    }

    @Override
    public Version getVersion() {
        return new Version(1, 0);
    }

    @Override
    public String getDrmSystem() {
        return DRM_SYSTEM;
    }

    @Override
    public String getDrmaaImplementation() {
        return IMPLEMENTATION;
    }

    private Active session() throws NoActiveSessionException {
        Active open = active;
        if (open == null) {
            throw new NoActiveSessionException("no DRMAA session is open: call init first");
        }
        return open;
    }

    private LinuxSsiJobTemplate ours(JobTemplate jt) throws InvalidJobTemplateException {
        if (jt == null) {
            throw new NullPointerException("job template");
        }
        if (!(jt instanceof LinuxSsiJobTemplate template) || !template.belongsTo(this)) {
            throw new InvalidJobTemplateException("the job template was not created by this session, or was deleted");
        }
        return template;
    }

    private static long jobNumber(String jobId) throws InvalidJobException {
        if (jobId == null) {
            throw new NullPointerException("jobId");
        }
        try {
            long number = Long.parseLong(jobId);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the message below names it
        }
        throw new InvalidJobException("'" + jobId + "' is not a LinuxSSI job id (a positive number)");
    }

    private static void checkTimeout(long timeout) {
        if (timeout < TIMEOUT_WAIT_FOREVER) {
            throw new IllegalArgumentException("timeout " + timeout + " is invalid (allowed: seconds >= 0, "
                    + "TIMEOUT_WAIT_FOREVER or TIMEOUT_NO_WAIT)");
        }
    }

    private static DaemonClient.Refusals refusals() {
        return new DaemonClient.Refusals() {
            @Override
            public DrmaaException invalid(String message) {
                return new InvalidJobException(message);
            }

            @Override
            public DrmaaException refused(String message) {
                return new InvalidJobException(message);
            }
        };
    }

    /** The time left to wait, and the pause between two looks: short first, then up to half a second. */
    private static final class Waiting {
        private final long deadline;
        private final boolean forever;
        private long pause = 10;

        Waiting(long timeoutSeconds) {
            forever = timeoutSeconds == TIMEOUT_WAIT_FOREVER;
            deadline = System.nanoTime() + Math.max(0, timeoutSeconds) * 1_000_000_000L;
        }

        void pause(String what) throws ExitTimeoutException {
            long left = deadline - System.nanoTime();
            if (!forever && left <= 0) {
                throw new ExitTimeoutException(what);
            }
            long millis = forever ? pause : Math.min(pause, Math.max(1, left / 1_000_000));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExitTimeoutException("interrupted: " + what);
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
    }
}
