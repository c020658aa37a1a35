package org.linuxssi.node.drmaa;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ControlJobs;
import org.linuxssi.api.v1.ControlOutcome;
import org.linuxssi.api.v1.ControlReply;
import org.linuxssi.api.v1.ControlRequest;
import org.linuxssi.api.v1.DrmaaCommand;
import org.linuxssi.api.v1.DrmaaGrpc;
import org.linuxssi.api.v1.DrmaaResult;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.api.v1.JobControlResult;
import org.linuxssi.api.v1.JobTemplate;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.OpenSessionCommand;
import org.linuxssi.api.v1.OpenSessionReply;
import org.linuxssi.api.v1.OpenSessionRequest;
import org.linuxssi.api.v1.ReapJobs;
import org.linuxssi.api.v1.ReapReply;
import org.linuxssi.api.v1.ReapRequest;
import org.linuxssi.api.v1.SubmitJobs;
import org.linuxssi.api.v1.SubmitReply;
import org.linuxssi.api.v1.SubmitRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.node.agent.UserNames;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.scheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The krg-drmaa service on the Unix socket: sessions, submission, control, status and reaping,
 * each a write or a linearizable read of the job table. A submission is answered only once it is
 * committed, so an acknowledged job survives any minority of failures. The caller is the socket's
 * SO_PEERCRED identity: jobs run as that user, and a user reaches only their own jobs (root: all).
 */
public final class DrmaaService extends DrmaaGrpc.DrmaaImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(DrmaaService.class);
    private static final Duration WRITE = Duration.ofSeconds(10);
    private static final Duration READ = Duration.ofSeconds(6);

    private final ControlPlane control;
    private final JobSubmission submission;
    private final JobSignals signals;
    private final UserNames users;

    public DrmaaService(ControlPlane control, DrmaaServerConfig config, JobSignals signals, UserNames users) {
        this.control = control;
        this.submission = new JobSubmission(config, Passwd.system());
        this.signals = signals;
        this.users = users;
    }

    @Override
    public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionReply> reply) {
        answer(reply, caller -> {
            DrmaaResult result = write(DrmaaCommand.newBuilder().setOpenSession(OpenSessionCommand.newBuilder()
                    .setSessionId(request.getSessionId()).setName(request.getName()).setUid(caller.uid())));
            return OpenSessionReply.newBuilder().setSessionId(result.getSessionId()).build();
        });
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitReply> reply) {
        answer(reply, caller -> {
            var template = submission.resolve(request.getTemplate(), caller, users.nameOf(caller.uid()));
            checkPlacement(template);
            DrmaaResult result = write(DrmaaCommand.newBuilder().setSubmit(SubmitJobs.newBuilder()
                    .setSessionId(request.getSessionId()).setTemplate(template).setBulk(request.getBulk())
                    .setStart(request.getStart()).setEnd(request.getEnd()).setIncr(request.getIncr())));
            return SubmitReply.newBuilder().setFirstJobId(result.getFirstJobId()).setCount(result.getCount()).build();
        });
    }

    @Override
    public void control(ControlRequest request, StreamObserver<ControlReply> reply) {
        answer(reply, caller -> {
            if (request.getAction() == JobAction.JOB_ACTION_UNSPECIFIED
                    || request.getAction() == JobAction.UNRECOGNIZED) {
                throw new IllegalArgumentException("no control action given (allowed: suspend, resume, hold, "
                        + "release, terminate)");
            }
            DrmaaResult result = write(DrmaaCommand.newBuilder().setControl(ControlJobs.newBuilder()
                    .setSessionId(request.getSessionId()).addAllJobIds(request.getJobIdsList())
                    .setAction(request.getAction()).setUid(caller.isRoot() ? 0 : caller.uid())));
            int signal = JobSignals.of(request.getAction());
            ClusterSnapshot cluster = null;
            for (JobControlResult one : result.getControlList()) {
                if (signal != 0 && one.getOutcome() == ControlOutcome.CONTROL_DONE && one.getGpid() != 0) {
                    cluster = cluster == null ? control.read(READ) : cluster;
                    Optional<NodeInfo> node = ProcessDirectory.node(cluster, one.getNodeId());
                    Optional<String> failed = node.isEmpty() ? Optional.of("node " + one.getNodeId() + " is unknown")
                            : signals.send(node.get().getAddress(), one.getGpid(), signal);
                    failed.ifPresent(why -> LOG.info("job {}: {}", one.getJobId(), why));
                }
            }
            return ControlReply.newBuilder().addAllResults(result.getControlList()).build();
        });
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsReply> reply) {
        answer(reply, caller -> control.readJobs(request.toBuilder().setUid(caller.isRoot() ? 0 : caller.uid())
                .build(), READ));
    }

    @Override
    public void reap(ReapRequest request, StreamObserver<ReapReply> reply) {
        answer(reply, caller -> {
            DrmaaResult result = write(DrmaaCommand.newBuilder().setReap(ReapJobs.newBuilder()
                    .setSessionId(request.getSessionId()).addAllJobIds(request.getJobIdsList())
                    .setUid(caller.isRoot() ? 0 : caller.uid())));
            return ReapReply.newBuilder().addAllReaped(result.getReapedList()).build();
        });
    }

    /** A policy or node that can never take the job is refused now, not left queued for ever. */
    private void checkPlacement(JobTemplate template) throws NoQuorumException {
        if (!template.getPolicy().isEmpty() && !Scheduler.policies().contains(template.getPolicy())) {
            throw new IllegalArgumentException("unknown policy '" + template.getPolicy() + "' (allowed: "
                    + String.join(", ", Scheduler.policies()) + ")");
        }
        if (template.getNodeId() != 0) {
            ClusterSnapshot cluster = control.read(READ);
            if (ProcessDirectory.node(cluster, template.getNodeId()).isEmpty()) {
                throw new IllegalArgumentException("node " + template.getNodeId() + " is not in the cluster (nodes: "
                        + String.join(",", cluster.getNodesList().stream()
                        .map(n -> Integer.toString(n.getNodeId())).toList()) + ")");
            }
        }
    }

    private DrmaaResult write(DrmaaCommand.Builder command) throws NoQuorumException, CommandRefusedException {
        CommandResult result = control.submit(ClusterCommand.newBuilder().setDrmaa(command).build(), WRITE);
        return result.getDrmaa();
    }

    private static <T> void answer(StreamObserver<T> reply, Call<T> call) {
        Optional<CallerCredentials> caller = CallerCredentials.current();
        if (caller.isEmpty()) {
            reply.onError(DaemonError.of(Status.Code.PERMISSION_DENIED, "the caller's identity is unknown: DRMAA "
                    + "jobs are submitted through the daemon's Unix socket only"));
            return;
        }
        try {
            reply.onNext(call.get(caller.get()));
            reply.onCompleted();
        } catch (NoQuorumException e) {
            reply.onError(DaemonError.noQuorum(e.getMessage()));
        } catch (CommandRefusedException e) {
            reply.onError(DaemonError.failedPrecondition(e.getMessage()));
        } catch (IllegalArgumentException e) {
            reply.onError(DaemonError.invalidArgument(e.getMessage()));
        } catch (StatusRuntimeException e) {
            reply.onError(e);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure", e);
            reply.onError(DaemonError.of(Status.Code.INTERNAL, "internal error in linuxssid: " + e
                    + " (see the daemon's log)"));
        }
    }

    private interface Call<T> {
        T get(CallerCredentials caller) throws NoQuorumException, CommandRefusedException;
    }
}
