package org.linuxssi.node.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import org.linuxssi.api.v1.ControlJobs;
import org.linuxssi.api.v1.ControlOutcome;
import org.linuxssi.api.v1.Dispatch;
import org.linuxssi.api.v1.DispatchJobs;
import org.linuxssi.api.v1.DrmaaCommand;
import org.linuxssi.api.v1.DrmaaResult;
import org.linuxssi.api.v1.DrmaaSession;
import org.linuxssi.api.v1.DrmaaTable;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.api.v1.JobControlResult;
import org.linuxssi.api.v1.JobState;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.JobTemplate;
import org.linuxssi.api.v1.LaunchFailed;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.OpenSessionCommand;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ReapJobs;
import org.linuxssi.api.v1.StoredTemplate;
import org.linuxssi.api.v1.SubmitJobs;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.ProcessEntry;

/**
 * The DRMAA part of the replicated state: sessions, job templates and jobs, and the rules that
 * move a job from queued to done. Deterministic like {@link ClusterState}, which delegates to it:
 * times come in the commands. A job's process is linked by the process directory's
 * {@code drmaa_job_id} and {@code drmaa_attempt}, so starts and exits reach the job through the
 * same commands that record every process.
 */
public final class JobTable {

    /** Most jobs one submission may create. */
    public static final int MAX_BULK = 1_000_000;

    private long nextSessionId = 1;
    private long nextJobId = 1;
    private long nextTemplateId = 1;
    private final Map<Long, DrmaaSession> sessions = new TreeMap<>();
    private final Map<Long, StoredTemplate> templates = new HashMap<>();
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final Map<Long, Long> jobOfGpid = new HashMap<>();
    private final TreeSet<Long> queued = new TreeSet<>();
    private final TreeSet<Long> active = new TreeSet<>();
    private volatile BiConsumer<Job, JobTemplate> endListener = (job, template) -> { };

    synchronized CommandResult apply(DrmaaCommand command, long now) {
        return switch (command.getCommandCase()) {
            case OPEN_SESSION -> open(command.getOpenSession(), now);
            case SUBMIT -> submit(command.getSubmit(), now);
            case CONTROL -> control(command.getControl());
            case DISPATCH -> dispatch(command.getDispatch(), now);
            case LAUNCH_FAILED -> launchFailed(command.getLaunchFailed(), now);
            case REAP -> reap(command.getReap());
            case COMMAND_NOT_SET -> error("empty DRMAA command");
        };
    }

    /**
     * True when {@code entry} is the process this job already counts as its attempt: its start was
     * recorded before, and recording it again (a target that restarted before it knew, a commit that
     * answered too late) changes nothing.
     */
    synchronized boolean startedAlready(ProcessEntry entry) {
        Job job = jobs.get(entry.getDrmaaJobId());
        return job != null && entry.getGpid() != 0 && job.getGpid() == entry.getGpid()
                && job.getAttempt() == entry.getDrmaaAttempt();
    }

    /** A job's process was announced: the job runs. An error refuses the announcement (the target stops the process). */
    synchronized String onProcessStarted(ProcessEntry entry) {
        Job job = jobs.get(entry.getDrmaaJobId());
        if (job == null || job.getAttempt() != entry.getDrmaaAttempt() || job.getState() != JobState.JOB_DISPATCHED) {
            return "job " + entry.getDrmaaJobId() + " attempt " + entry.getDrmaaAttempt()
                    + " is not waiting for a launch (terminated, requeued or gone)";
        }
        put(job.toBuilder().setState(JobState.JOB_RUNNING).setGpid(entry.getGpid()).setNodeId(entry.getNodeId())
                .setStartMs(entry.getStartMs()).build());
        jobOfGpid.put(entry.getGpid(), job.getJobId());
        return null;
    }

    synchronized void onProcessExited(long gpid, ProcessExit exit) {
        Long id = jobOfGpid.remove(gpid);
        Job job = id == null ? null : jobs.get(id);
        if (job == null || job.getGpid() != gpid || !running(job.getState())) {
            return;
        }
        // A program that could not be started never ran: aborted. A terminated one ran and was killed.
        boolean neverRan = !exit.getError().isEmpty();
        boolean failed = job.getTerminated() || neverRan;
        put(job.toBuilder().setState(failed ? JobState.JOB_FAILED : JobState.JOB_DONE).setExit(exit)
                .setError(exit.getError()).setAborted(neverRan).build());
    }

    /**
     * The job's node was lost. Rerunnable jobs go back to the queue under a new attempt (a late start
     * or exit of the old one is ignored, and the leader kills an old attempt still running); the
     * others fail as aborted.
     */
    private void lost(Job job, String why, long now) {
        jobOfGpid.remove(job.getGpid());
        if (template(job).getRerunnable() && !job.getTerminated()) {
            put(job.toBuilder().setState(JobState.JOB_QUEUED).setNodeId(0).setGpid(0).setStartMs(0)
                    .setDispatchMs(0).setError(why + "; requeued").build());
        } else {
            put(job.toBuilder().setState(JobState.JOB_FAILED).setAborted(true).setError(why)
                    .setExit(ProcessExit.newBuilder().setStatus(255).setError(why).setEndMs(now)).build());
        }
    }

    synchronized DrmaaTable snapshot() {
        return DrmaaTable.newBuilder().setNextSessionId(nextSessionId).setNextJobId(nextJobId)
                .setNextTemplateId(nextTemplateId).addAllSessions(sessions.values())
                .addAllTemplates(templates.values()).addAllJobs(jobs.values()).build();
    }

    synchronized void restore(DrmaaTable table) {
        nextSessionId = Math.max(1, table.getNextSessionId());
        nextJobId = Math.max(1, table.getNextJobId());
        nextTemplateId = Math.max(1, table.getNextTemplateId());
        sessions.clear();
        templates.clear();
        jobs.clear();
        jobOfGpid.clear();
        queued.clear();
        active.clear();
        table.getSessionsList().forEach(s -> sessions.put(s.getSessionId(), s));
        table.getTemplatesList().forEach(t -> templates.put(t.getTemplateId(), t));
        for (Job job : table.getJobsList()) {
            index(job);
            if (job.getGpid() != 0 && running(job.getState())) {
                jobOfGpid.put(job.getGpid(), job.getJobId());
            }
        }
    }

    /** A read of the table for a client; {@code address} names a node's address for exec_host. */
    public synchronized ListJobsReply query(ListJobsRequest request, IntFunction<String> address) {
        ListJobsReply.Builder reply = ListJobsReply.newBuilder();
        List<Job> selected = new ArrayList<>();
        if (request.getJobIdsCount() > 0) {
            for (long id : request.getJobIdsList()) {
                Job job = jobs.get(id);
                if (job == null || !visible(job, request.getSessionId(), request.getUid())) {
                    reply.addUnknown(id);
                } else {
                    selected.add(job);
                }
            }
        } else {
            for (Job job : jobs.values()) {
                if (visible(job, request.getSessionId(), request.getUid())) {
                    selected.add(job);
                }
            }
        }
        int unfinished = 0;
        int finished = 0;
        for (Job job : selected) {
            boolean ended = finished(job.getState());
            if (ended) {
                finished++;
            } else {
                unfinished++;
            }
            if (request.getCountsOnly() || (request.getFinishedOnly() && !ended)
                    || (request.getLimit() > 0 && reply.getJobsCount() >= request.getLimit())) {
                continue;
            }
            JobTemplate template = template(job);
            reply.addJobs(JobStatus.newBuilder().setJob(job).setJobName(template.getJobName())
                    .setTemplateBytes(templates.get(job.getTemplateId()).getSerializedSize())
                    .setCommand(String.join(" ", template.getArgvList())).setUser(template.getUser())
                    .setExecHost(job.getNodeId() == 0 ? "" : address.apply(job.getNodeId())));
        }
        return reply.setUnfinished(unfinished).setFinished(finished).build();
    }

    /** Queued jobs whose start time has come, oldest first, at most {@code max}: the dispatcher's work. */
    public synchronized List<Job> ready(long now, int max) {
        List<Job> ready = new ArrayList<>();
        for (long id : queued) {
            Job job = jobs.get(id);
            if (template(job).getStartTimeMs() <= now) {
                ready.add(job);
                if (ready.size() >= max) {
                    break;
                }
            }
        }
        return ready;
    }

    /** Jobs dispatched, running or suspended. */
    public synchronized List<Job> active() {
        return active.stream().map(jobs::get).toList();
    }

    public synchronized JobTemplate template(long templateId) {
        return templates.get(templateId).getTemplate();
    }

    /** The job's current record, if it is still in the table. */
    public synchronized java.util.Optional<Job> job(long jobId) {
        return java.util.Optional.ofNullable(jobs.get(jobId));
    }

    private JobTemplate template(Job job) {
        return templates.get(job.getTemplateId()).getTemplate();
    }

    private CommandResult open(OpenSessionCommand open, long now) {
        if (open.getSessionId() != 0) {
            DrmaaSession session = sessions.get(open.getSessionId());
            if (session == null) {
                return error("no DRMAA session " + open.getSessionId());
            }
            if (open.getUid() != 0 && session.getUid() != open.getUid()) {
                return error("DRMAA session " + open.getSessionId() + " belongs to another user (uid "
                        + session.getUid() + ")");
            }
            return result(DrmaaResult.newBuilder().setSessionId(session.getSessionId()));
        }
        if (!open.getName().isEmpty()) {
            for (DrmaaSession session : sessions.values()) {
                if (session.getUid() == open.getUid() && session.getName().equals(open.getName())) {
                    return result(DrmaaResult.newBuilder().setSessionId(session.getSessionId()));
                }
            }
        }
        long id = nextSessionId++;
        sessions.put(id, DrmaaSession.newBuilder().setSessionId(id).setUid(open.getUid()).setName(open.getName())
                .setCreatedMs(now).build());
        return result(DrmaaResult.newBuilder().setSessionId(id));
    }

    private CommandResult submit(SubmitJobs submit, long now) {
        DrmaaSession session = sessions.get(submit.getSessionId());
        if (session == null || session.getUid() != submit.getTemplate().getUid()) {
            return error("no DRMAA session " + submit.getSessionId() + " of uid " + submit.getTemplate().getUid());
        }
        long count = 1;
        if (submit.getBulk()) {
            if (submit.getStart() < 1 || submit.getEnd() < submit.getStart() || submit.getIncr() < 1) {
                return error("bulk range " + submit.getStart() + "-" + submit.getEnd() + ":" + submit.getIncr()
                        + " is invalid (allowed: 1 <= start <= end, increment >= 1)");
            }
            count = ((long) submit.getEnd() - submit.getStart()) / submit.getIncr() + 1;
            if (count > MAX_BULK) {
                return error("bulk of " + count + " jobs is too large (allowed: at most " + MAX_BULK + ")");
            }
        }
        long templateId = nextTemplateId++;
        templates.put(templateId, StoredTemplate.newBuilder().setTemplateId(templateId)
                .setTemplate(submit.getTemplate()).setJobs((int) count).build());
        long first = nextJobId;
        JobState state = submit.getTemplate().getHold() ? JobState.JOB_HELD : JobState.JOB_QUEUED;
        for (long i = 0; i < count; i++) {
            Job.Builder job = Job.newBuilder().setJobId(nextJobId++).setSessionId(session.getSessionId())
                    .setTemplateId(templateId).setState(state).setSubmitMs(now);
            if (submit.getBulk()) {
                job.setBulk(true).setIndex((int) (submit.getStart() + i * submit.getIncr()));
            }
            put(job.build());
        }
        return result(DrmaaResult.newBuilder().setSessionId(session.getSessionId()).setFirstJobId(first)
                .setCount((int) count));
    }

    private CommandResult control(ControlJobs control) {
        DrmaaResult.Builder result = DrmaaResult.newBuilder();
        List<Long> ids = control.getJobIdsList();
        if (ids.isEmpty()) {
            ids = jobs.values().stream().filter(j -> visible(j, control.getSessionId(), control.getUid()))
                    .map(Job::getJobId).toList();
        }
        for (long id : ids) {
            Job job = jobs.get(id);
            JobControlResult.Builder one = JobControlResult.newBuilder().setJobId(id);
            if (job == null || (control.getSessionId() != 0 && job.getSessionId() != control.getSessionId())) {
                result.addControl(one.setOutcome(ControlOutcome.CONTROL_NO_SUCH_JOB).setError("no job " + id));
                continue;
            }
            if (control.getUid() != 0 && template(job).getUid() != control.getUid()) {
                result.addControl(one.setOutcome(ControlOutcome.CONTROL_NOT_PERMITTED)
                        .setError("job " + id + " belongs to " + template(job).getUser()));
                continue;
            }
            String refusal = act(job, control.getAction());
            if (refusal != null) {
                one.setOutcome(ControlOutcome.CONTROL_INCONSISTENT_STATE).setError("job " + id + " is "
                        + stateName(job.getState()) + ": " + refusal);
            }
            Job now = jobs.get(id);
            result.addControl(one.setNodeId(now.getNodeId()).setGpid(running(now.getState()) ? now.getGpid() : 0));
        }
        return result(result);
    }

    /** Applies one action; null when done, else why the state does not allow it. */
    private String act(Job job, JobAction action) {
        JobState state = job.getState();
        switch (action) {
            case JOB_HOLD -> {
                if (state == JobState.JOB_QUEUED || state == JobState.JOB_HELD) {
                    put(job.toBuilder().setState(JobState.JOB_HELD).build());
                    return null;
                }
                return "only a queued job can be held";
            }
            case JOB_RELEASE -> {
                if (state == JobState.JOB_HELD) {
                    put(job.toBuilder().setState(JobState.JOB_QUEUED).build());
                    return null;
                }
                return "only a held job can be released";
            }
            case JOB_SUSPEND -> {
                if (state == JobState.JOB_RUNNING) {
                    put(job.toBuilder().setState(JobState.JOB_SUSPENDED).build());
                    return null;
                }
                return "only a running job can be suspended";
            }
            case JOB_RESUME -> {
                if (state == JobState.JOB_SUSPENDED) {
                    put(job.toBuilder().setState(JobState.JOB_RUNNING).build());
                    return null;
                }
                return "only a suspended job can be resumed";
            }
            case JOB_TERMINATE -> {
                if (finished(state)) {
                    return null;
                }
                if (state == JobState.JOB_RUNNING || state == JobState.JOB_SUSPENDED) {
                    // Its exit, caused by the signal the caller sends next, makes it FAILED.
                    put(job.toBuilder().setTerminated(true).build());
                } else {
                    put(job.toBuilder().setState(JobState.JOB_FAILED).setTerminated(true).setAborted(true)
                            .setError("terminated before it ran").build());
                }
                return null;
            }
            default -> {
                return "unknown action " + action;
            }
        }
    }

    private CommandResult dispatch(DispatchJobs dispatch, long now) {
        for (Dispatch d : dispatch.getJobsList()) {
            Job job = jobs.get(d.getJobId());
            if (job != null && job.getState() == JobState.JOB_QUEUED && d.getAttempt() == job.getAttempt() + 1) {
                put(job.toBuilder().setState(JobState.JOB_DISPATCHED).setNodeId(d.getNodeId())
                        .setAttempt(d.getAttempt()).setDispatchMs(now).build());
            }
        }
        return CommandResult.getDefaultInstance();
    }

    private CommandResult launchFailed(LaunchFailed failed, long now) {
        Job job = jobs.get(failed.getJobId());
        boolean applies = job != null && job.getAttempt() == failed.getAttempt()
                && (failed.getLost() ? running(job.getState()) : job.getState() == JobState.JOB_DISPATCHED);
        if (!applies) {
            return CommandResult.getDefaultInstance();
        }
        if (failed.getLost()) {
            lost(job, failed.getError(), now);
        } else {
            put(job.toBuilder().setState(JobState.JOB_FAILED).setAborted(true).setError(failed.getError())
                    .setExit(ProcessExit.newBuilder().setStatus(255).setError(failed.getError()).setEndMs(now))
                    .build());
        }
        return CommandResult.getDefaultInstance();
    }

    private CommandResult reap(ReapJobs reap) {
        DrmaaResult.Builder result = DrmaaResult.newBuilder();
        for (long id : reap.getJobIdsList()) {
            Job job = jobs.get(id);
            if (job != null && finished(job.getState()) && visible(job, reap.getSessionId(), reap.getUid())) {
                jobs.remove(id);
                StoredTemplate template = templates.get(job.getTemplateId());
                if (template.getJobs() <= 1) {
                    templates.remove(job.getTemplateId());
                } else {
                    templates.put(job.getTemplateId(), template.toBuilder().setJobs(template.getJobs() - 1).build());
                }
                result.addReaped(id);
            }
        }
        return result(result);
    }

    private boolean visible(Job job, long sessionId, int uid) {
        if (sessionId != 0) {
            return job.getSessionId() == sessionId;
        }
        return uid == 0 || template(job).getUid() == uid;
    }

    /**
     * Who hears of each job that ends (done or failed) as its end is applied: not part of the
     * replicated state, and not told of jobs already ended in a restored snapshot.
     */
    public void onJobEnd(BiConsumer<Job, JobTemplate> listener) {
        endListener = listener;
    }

    private void put(Job job) {
        Job before = index(job);
        if (finished(job.getState()) && (before == null || !finished(before.getState()))) {
            endListener.accept(job, template(job));
        }
    }

    /** Records the job and its place in the queues; returns what it replaced. */
    private Job index(Job job) {
        long id = job.getJobId();
        Job before = jobs.put(id, job);
        queued.remove(id);
        active.remove(id);
        if (job.getState() == JobState.JOB_QUEUED) {
            queued.add(id);
        } else if (running(job.getState())) {
            active.add(id);
        }
        return before;
    }

    static boolean running(JobState state) {
        return state == JobState.JOB_DISPATCHED || state == JobState.JOB_RUNNING || state == JobState.JOB_SUSPENDED;
    }

    static boolean finished(JobState state) {
        return state == JobState.JOB_DONE || state == JobState.JOB_FAILED;
    }

    /** "queued", "held", "running"... as users read them. */
    private static String stateName(JobState state) {
        return switch (state) {
            case JOB_QUEUED -> "queued";
            case JOB_HELD -> "held";
            case JOB_DISPATCHED -> "starting";
            case JOB_RUNNING -> "running";
            case JOB_SUSPENDED -> "suspended";
            case JOB_DONE -> "done";
            case JOB_FAILED -> "failed";
            default -> "undetermined";
        };
    }

    private static CommandResult result(DrmaaResult.Builder result) {
        return CommandResult.newBuilder().setDrmaa(result).build();
    }

    private static CommandResult error(String message) {
        return CommandResult.newBuilder().setError(message).build();
    }
}
