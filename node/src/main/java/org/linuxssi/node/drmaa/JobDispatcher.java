package org.linuxssi.node.drmaa;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.linuxssi.api.v1.DetachedLaunch;
import org.linuxssi.api.v1.Dispatch;
import org.linuxssi.api.v1.DispatchJobs;
import org.linuxssi.api.v1.DrmaaCommand;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobState;
import org.linuxssi.api.v1.JobTemplate;
import org.linuxssi.api.v1.LaunchFailed;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PlacementRequest;
import org.linuxssi.api.v1.ProcessSpec;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.ChangeSignal;
import org.linuxssi.node.agent.LaunchStages;
import org.linuxssi.node.control.ClusterState;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.JobTable;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.PeerChannels;
import org.linuxssi.node.scheduler.PlacementException;
import org.linuxssi.node.scheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the Raft leader: places queued jobs with the cluster's {@link Scheduler}, commits the
 * placements (one attempt number each), then launches each through NodeAgent.Launch on its node,
 * detached, as krgrun's processes are launched. The job becomes running when the target's start of
 * the process is committed (after the launch answered), and done when its exit is recorded, both in
 * the process directory. It also
 * re-launches jobs whose launch a previous leader may not have finished (the target refuses a
 * second launch of one attempt), kills jobs past their wallclock limit, and kills terminated jobs
 * whose signal may have been lost.
 */
public final class JobDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(JobDispatcher.class);
    private static final int BATCH = 256;
    /**
     * Launches waiting for their {@code started} at once. A detached launch answers once the program
     * runs (its start is committed afterwards, with the target's other starts and exits).
     */
    private static final int LAUNCHES_IN_FLIGHT = 128;
    private static final long PERIOD_MILLIS = 500;
    /**
     * A dispatched job not announced this long after its dispatch, or after its target said it
     * started, is launched again (same attempt).
     */
    private static final long RELAUNCH_AFTER_MS = 5_000;
    /** A launch refused as a duplicate and still not announced after this long was lost. */
    private static final long LOST_AFTER_MS = 30_000;
    private static final long RESIGNAL_EVERY_MS = 5_000;
    /**
     * How long a node must stay away (not online) before its jobs count as lost: a daemon that
     * restarts, or a leader change that made heartbeats late, must not fail jobs whose programs run on.
     */
    public static final long LOSS_GRACE_MS = 30_000;
    private static final Duration WRITE = Duration.ofSeconds(10);
    /** Every job sees its id and bulk index, as Grid Engine's JOB_ID and SGE_TASK_ID. */
    public static final String JOB_ID_VARIABLE = "LINUXSSI_JOB_ID";
    public static final String JOB_INDEX_VARIABLE = "LINUXSSI_JOB_INDEX";

    private final int nodeId;
    private final ClusterState state;
    private final Scheduler scheduler;
    private final PeerChannels peers;
    private final JobSignals signals;
    private final BooleanSupplier leader;
    private final ChangeSignal changes = new ChangeSignal();
    private final Semaphore launchSlots = new Semaphore(LAUNCHES_IN_FLIGHT);
    /** Job id → attempt launching now from this leader. */
    private final Map<Long, Integer> launching = new ConcurrentHashMap<>();
    /** Job id → when its target said its attempt started, while the start is still to be committed. */
    private final Map<Long, Long> startedAt = new ConcurrentHashMap<>();
    /** Node id → since when this leader has seen it away (not online). */
    private final Map<Integer, Long> awaySince = new ConcurrentHashMap<>();
    /** Job id (or minus a stray process's gpid) → when a kill was last sent (limit, terminate, stray). */
    private final Map<Long, Long> killed = new ConcurrentHashMap<>();

    public JobDispatcher(int nodeId, ClusterState state, Scheduler scheduler, PeerChannels peers, JobSignals signals,
                         BooleanSupplier leader) {
        this.nodeId = nodeId;
        this.state = state;
        this.scheduler = scheduler;
        this.peers = peers;
        this.signals = signals;
        this.leader = leader;
    }

    /** Called for every command applied here: a submission, release or exit may give work. */
    public void onApplied(ClusterCommand command) {
        if (command.getCommandCase() == ClusterCommand.CommandCase.DRMAA
                || command.getCommandCase() == ClusterCommand.CommandCase.PROCESS_EXITED
                || command.getCommandCase() == ClusterCommand.CommandCase.MARK_NODES) {
            changes.signal();
        }
        if (command.getCommandCase() == ClusterCommand.CommandCase.PROCESS_EXITED) {
            LaunchStages.mark("exit-applied", command.getProcessExited().getGpid());
        }
    }

    /** Runs until interrupted. */
    public void run(ControlPlane control) {
        long seen = changes.version();
        while (!Thread.currentThread().isInterrupted()) {
            if (leader.getAsBoolean()) {
                try {
                    round(control);
                } catch (NoQuorumException e) {
                    LOG.debug("dispatching paused: {}", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("dispatching: {}", e.toString());
                }
            } else {
                launching.clear();
                startedAt.clear();
                killed.clear();
                awaySince.clear();
            }
            try {
                seen = changes.await(seen, PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void round(ControlPlane control) throws NoQuorumException {
        long now = System.currentTimeMillis();
        ClusterSnapshot cluster = state.snapshot();
        JobTable jobs = state.jobs();
        watchActive(control, jobs, cluster, now);
        killStrays(jobs, cluster);
        List<Job> ready = jobs.ready(now, BATCH);
        while (!ready.isEmpty()) {
            List<Dispatch> placed = place(ready, jobs, cluster);
            if (placed.isEmpty()) {
                return;
            }
            commit(control, DrmaaCommand.newBuilder().setDispatch(DispatchJobs.newBuilder().addAllJobs(placed)));
            if (LaunchStages.enabled()) {
                placed.forEach(d -> LaunchStages.mark("job-dispatched", d.getJobId()));
            }
            for (Dispatch d : placed) {
                jobs.job(d.getJobId()).filter(j -> j.getState() == JobState.JOB_DISPATCHED
                        && j.getAttempt() == d.getAttempt()).ifPresent(j -> launch(control, j, cluster));
            }
            if (!leader.getAsBoolean()) {
                return;
            }
            ready = jobs.ready(System.currentTimeMillis(), BATCH);
        }
    }

    private List<Dispatch> place(List<Job> ready, JobTable jobs, ClusterSnapshot cluster) {
        List<Dispatch> placed = new ArrayList<>();
        for (Job job : ready) {
            JobTemplate template = jobs.template(job.getTemplateId());
            PlacementRequest.Builder request = PlacementRequest.newBuilder().setOriginNodeId(nodeId)
                    .setMemBytes(template.getMemBytes()).setPolicy(template.getPolicy());
            if (template.getNodeId() != 0) {
                request.addAllowedNodes(template.getNodeId());
            }
            try {
                int node = scheduler.place(request.build(), cluster).getNodeId();
                placed.add(Dispatch.newBuilder().setJobId(job.getJobId()).setNodeId(node)
                        .setAttempt(job.getAttempt() + 1).build());
            } catch (PlacementException e) {
                // Stays queued: a node may come online or free memory.
                LOG.debug("job {} waits: {}", job.getJobId(), e.getMessage());
            }
        }
        return placed;
    }

    /** When this leader last heard of the job's current attempt: its dispatch, or its target's {@code started}. */
    private long lastNews(Job job) {
        return Math.max(job.getDispatchMs(), startedAt.getOrDefault(job.getJobId(), 0L));
    }

    /** Re-launches unannounced jobs, enforces wallclock limits, re-sends lost kills. */
    private void watchActive(ControlPlane control, JobTable jobs, ClusterSnapshot cluster, long now)
            throws NoQuorumException {
        startedAt.keySet().removeIf(id -> jobs.job(id).filter(j -> j.getState() == JobState.JOB_DISPATCHED).isEmpty());
        for (NodeInfo node : cluster.getNodesList()) {
            if (node.getState() == NodeState.ONLINE) {
                awaySince.remove(node.getNodeId());
            } else {
                awaySince.putIfAbsent(node.getNodeId(), now);
            }
        }
        for (Job job : jobs.active()) {
            Optional<NodeInfo> node = ProcessDirectory.node(cluster, job.getNodeId());
            if (node.isEmpty() || node.get().getState() != NodeState.ONLINE) {
                long away = now - awaySince.computeIfAbsent(job.getNodeId(), id -> now);
                if (away > LOSS_GRACE_MS && now - killed.getOrDefault(job.getJobId(), 0L) > RESIGNAL_EVERY_MS) {
                    killed.put(job.getJobId(), now);
                    failLaunch(control, job, "node " + job.getNodeId() + " was lost while the job "
                            + (job.getState() == JobState.JOB_DISPATCHED ? "was starting" : "ran"), true);
                }
                continue;
            }
            if (job.getState() == JobState.JOB_DISPATCHED) {
                if (!launching.containsKey(job.getJobId()) && now - lastNews(job) > RELAUNCH_AFTER_MS) {
                    launch(control, job, cluster);
                }
                continue;
            }
            JobTemplate template = jobs.template(job.getTemplateId());
            boolean overLimit = template.getWallclockLimitS() > 0
                    && now - job.getStartMs() > template.getWallclockLimitS() * 1000;
            if ((overLimit || job.getTerminated()) && now - killed.getOrDefault(job.getJobId(), 0L) > RESIGNAL_EVERY_MS) {
                killed.put(job.getJobId(), now);
                LOG.info("job {} {}: killing process {}", job.getJobId(),
                        overLimit ? "reached its wallclock limit of " + template.getWallclockLimitS() + " s"
                                : "was terminated", job.getGpid());
                signals.send(node.get().getAddress(), job.getGpid(), JobSignals.SIGKILL)
                        .ifPresent(why -> LOG.info("job {}: {}", job.getJobId(), why));
            }
        }
    }

    /**
     * Kills job processes that the job table no longer counts as the job: a node marked down that comes
     * back may still run a job that was requeued meanwhile, and a job must never run twice.
     */
    private void killStrays(JobTable jobs, ClusterSnapshot cluster) {
        long now = System.currentTimeMillis();
        for (ProcessEntry entry : cluster.getProcessesList()) {
            if (entry.getDrmaaJobId() == 0 || entry.getExited()) {
                continue;
            }
            Optional<Job> job = jobs.job(entry.getDrmaaJobId());
            boolean current = job.isPresent() && job.get().getGpid() == entry.getGpid()
                    && job.get().getState() != JobState.JOB_DONE && job.get().getState() != JobState.JOB_FAILED;
            Optional<NodeInfo> node = ProcessDirectory.node(cluster, entry.getNodeId());
            if (current || node.isEmpty() || node.get().getState() != NodeState.ONLINE
                    || now - killed.getOrDefault(-entry.getGpid(), 0L) < RESIGNAL_EVERY_MS) {
                continue;
            }
            killed.put(-entry.getGpid(), now);
            LOG.warn("process {} on node {} is an old attempt of job {}: killing it", entry.getGpid(),
                    entry.getNodeId(), entry.getDrmaaJobId());
            signals.send(node.get().getAddress(), entry.getGpid(), JobSignals.SIGKILL);
        }
    }

    private void launch(ControlPlane control, Job job, ClusterSnapshot cluster) {
        Optional<NodeInfo> node = ProcessDirectory.node(cluster, job.getNodeId());
        if (node.isEmpty()) {
            return;
        }
        JobTemplate template = state.jobs().template(job.getTemplateId());
        RunRequest request = request(job, template).toBuilder().setOriginNodeId(nodeId).build();
        try {
            launchSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        launching.put(job.getJobId(), job.getAttempt());
        peers.nodeAgent(node.get().getAddress()).launch(new StreamObserver<>() {
            private boolean answered;

            @Override
            public void onNext(RunOutput output) {
                if (!answered && output.getOutputCase() == RunOutput.OutputCase.STARTED) {
                    answered = true;
                    startedAt.put(job.getJobId(), System.currentTimeMillis());
                    LaunchStages.mark("job-answered", job.getJobId());
                    done();
                }
            }

            @Override
            public void onError(Throwable t) {
                if (!answered) {
                    answered = true;
                    done();
                    refused(control, job, Status.fromThrowable(t));
                }
            }

            @Override
            public void onCompleted() {
                if (!answered) {
                    answered = true;
                    done();
                }
            }

            private void done() {
                launching.remove(job.getJobId(), job.getAttempt());
                launchSlots.release();
            }
        }).onNext(RunInput.newBuilder().setStart(request).build());
        LaunchStages.mark("job-sent", job.getJobId());
    }

    private void refused(ControlPlane control, Job job, Status status) {
        switch (status.getCode()) {
            case ALREADY_EXISTS -> {
                if (System.currentTimeMillis() - lastNews(job) > LOST_AFTER_MS) {
                    failLaunch(control, job, "the launch on node " + job.getNodeId() + " was lost", true);
                }
            }
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED ->
                    LOG.info("job {}: node {} did not take the launch ({}); trying again", job.getJobId(),
                            job.getNodeId(), status.getCode());
            default -> failLaunch(control, job, status.getDescription() == null ? status.toString()
                    : status.getDescription(), false);
        }
    }

    private void failLaunch(ControlPlane control, Job job, String why, boolean lost) {
        Thread.ofVirtual().name("launch-failed").start(() -> {
            try {
                commit(control, DrmaaCommand.newBuilder().setLaunchFailed(LaunchFailed.newBuilder()
                        .setJobId(job.getJobId()).setAttempt(job.getAttempt()).setError(why).setLost(lost)));
                LOG.info("job {} attempt {}: {}", job.getJobId(), job.getAttempt(), why);
            } catch (NoQuorumException e) {
                LOG.info("job {}: launch failure not recorded yet: {}", job.getJobId(), e.getMessage());
            }
        });
    }

    /** What the target runs: the template with the job's index, as its user, stdio in its files. */
    static RunRequest request(Job job, JobTemplate template) {
        String wd = Placeholders.index(template.getWorkingDirectory(), job.getBulk(), job.getIndex());
        ProcessSpec spec = ProcessSpec.newBuilder()
                .addAllArgv(template.getArgvList())
                .addAllEnv(template.getEnvList())
                .addEnv(JOB_ID_VARIABLE + "=" + job.getJobId())
                .addEnv(JOB_INDEX_VARIABLE + "=" + (job.getBulk() ? Integer.toString(job.getIndex()) : ""))
                .setCwd(wd)
                .setUid(template.getUid())
                .setGid(template.getGid())
                .addAllGroups(template.getGroupsList())
                .setUser(template.getUser())
                .setMemBytes(template.getMemBytes())
                .build();
        DetachedLaunch detached = DetachedLaunch.newBuilder()
                .setJobId(job.getJobId())
                .setAttempt(job.getAttempt())
                .setStdinPath(Placeholders.index(template.getInputPath(), job.getBulk(), job.getIndex()))
                .setStdoutPath(Placeholders.index(template.getOutputPath(), job.getBulk(), job.getIndex()))
                .setStderrPath(Placeholders.index(template.getErrorPath(), job.getBulk(), job.getIndex()))
                .setJoinFiles(template.getJoinFiles())
                .build();
        return RunRequest.newBuilder().setSpec(spec).setNodeId(job.getNodeId()).setDetached(detached).build();
    }

    private static void commit(ControlPlane control, DrmaaCommand.Builder command) throws NoQuorumException {
        try {
            control.submit(ClusterCommand.newBuilder().setDrmaa(command).build(), WRITE);
        } catch (CommandRefusedException e) {
            LOG.warn("job table refused {}: {}", command.getCommandCase(), e.getMessage());
        }
    }
}
