package org.linuxssi.node.rpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Optional;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.Started;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.ExitMonitor;
import org.linuxssi.node.agent.LaunchRefusedException;
import org.linuxssi.node.agent.LaunchStages;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcess.Marker;
import org.linuxssi.node.agent.ProcessLauncher;
import org.linuxssi.node.agent.SpoolRelay;
import org.linuxssi.node.agent.StateDirWatcher;
import org.linuxssi.node.agent.StdinWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's side of one NodeAgent.Launch: the first input starts the program (its announcement
 * in the process directory commits in the background); later inputs feed its stdin, signals and window size; a
 * {@link SpoolRelay} streams {@code started}, output and {@code exit}. Inputs are requested one at
 * a time, and stdin only as fast as the program reads it. The caller half-closes once it has the
 * exit: that acknowledgement completes the call and lets the state directory go. A detached launch
 * (a DRMAA job) ends the call after {@code started}, before its start is committed.
 */
final class LaunchStream implements StreamObserver<RunInput> {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchStream.class);

    /** What a Launch stream needs from the node agent. */
    record Agent(int nodeId, ProcessLauncher launcher, StateDirWatcher watcher, ExitMonitor monitor) {
    }

    private final Agent agent;
    private final ServerCallStreamObserver<RunOutput> out;
    private volatile boolean launching;
    private volatile boolean cancelled;
    private volatile LocalProcess process;
    private volatile StdinWriter stdin;
    private volatile SpoolRelay relay;
    private boolean halfClosed;
    private boolean exitSent;

    LaunchStream(Agent agent, ServerCallStreamObserver<RunOutput> out) {
        this.agent = agent;
        this.out = out;
        out.disableAutoRequest();
        out.setOnReadyThreshold(SpoolRelay.IN_FLIGHT);
        out.setOnReadyHandler(this::onReady);
        out.setOnCancelHandler(this::onCancel);
        out.request(1);
    }

    @Override
    public void onNext(RunInput input) {
        if (!launching) {
            if (input.getInputCase() != RunInput.InputCase.START) {
                out.onError(DaemonError.invalidArgument("the first message of a launch must be 'start', not "
                        + input.getInputCase().name().toLowerCase()));
                return;
            }
            launching = true;
            LaunchStages.mark("received", 0);
            Thread.ofVirtual().name("launch").start(() -> {
                try {
                    launch(input.getStart());
                } catch (RuntimeException e) {
                    // A bug must end this call with an error, never leave the caller waiting on a silent stream.
                    LOG.error("launch failed", e);
                    out.onError(DaemonError.of(io.grpc.Status.Code.INTERNAL, "launch failed on node "
                            + agent.nodeId() + ": " + e));
                }
            });
            return;
        }
        LocalProcess running = process;
        if (running == null) {
            return;
        }
        switch (input.getInputCase()) {
            case STDIN -> {
                if (stdin.offer(input.getStdin())) {
                    out.request(1);
                }
                return;
            }
            case STDIN_EOF -> stdin.endOfInput();
            case SIGNAL -> signal(running, input.getSignal());
            case WINDOW -> resize(running, input.getWindow().getRows(), input.getWindow().getCols());
            default -> {
            }
        }
        out.request(1);
    }

    @Override
    public void onError(Throwable t) {
        onCancel();
    }

    /** The caller sends nothing more: after the exit it is the acknowledgement, before it the end of input. */
    @Override
    public void onCompleted() {
        boolean acknowledged;
        synchronized (this) {
            halfClosed = true;
            acknowledged = exitSent;
        }
        if (acknowledged) {
            delivered();
        } else if (stdin != null) {
            stdin.endOfInput();
        }
    }

    private void launch(RunRequest request) {
        LaunchStages.mark("launching", 0);
        if (request.hasDetached()) {
            LaunchStages.mark("job-received", request.getDetached().getJobId());
        }
        LocalProcess launched;
        try {
            launched = agent.launcher().launch(request);
        } catch (LaunchRefusedException e) {
            LOG.info("launch of '{}' refused: {}", String.join(" ", request.getSpec().getArgvList()), e.getMessage());
            out.onError(DaemonError.of(e.code(), e.getMessage()));
            return;
        }
        if (request.hasDetached()) {
            LaunchStages.job(request.getDetached().getJobId(), launched.gpid());
        }
        // What the directory records: the record plus the capability sets it runs with (krgcapset).
        ProcessEntry entry = launched.record().entry().toBuilder()
                .setCapabilities(CapabilitySets.newBuilder()
                        .setPermitted(request.getSpec().getCapPermitted())
                        .setEffective(request.getSpec().getCapEffective())
                        .setInheritablePermitted(request.getSpec().getCapInheritablePermitted())
                        .setInheritableEffective(request.getSpec().getCapInheritableEffective()))
                .build();
        if (!request.hasDetached()) {
            // An interactive program runs while its announcement commits (see ProcessAnnouncer).
            agent.monitor().announce(launched, entry);
        }
        LOG.info("process {} started for {} (uid {}) from node {}: {}", launched.gpid(), launched.record().user(),
                launched.record().uid(), launched.record().originNodeId(), launched.record().command());
        if (request.hasDetached()) {
            detached(launched, entry.toBuilder().setDrmaaJobId(request.getDetached().getJobId())
                    .setDrmaaAttempt(request.getDetached().getAttempt()).build());
            return;
        }
        stdin = new StdinWriter(launched, () -> out.request(1));
        relay = new SpoolRelay(launched, agent.watcher(), out, 0, 0, Optional.of(Started.newBuilder().setGpid(launched.gpid())
                .setNodeId(agent.nodeId()).build()), this::exitSent);
        process = launched;
        if (cancelled) {
            agent.watcher().watch(launched);
            stdin.close();
            return;
        }
        relay.start();
        LaunchStages.mark("relaying", launched.gpid());
        // After the relay's start, off its way: a status that appeared before the watch is caught by watch().
        agent.watcher().watch(launched);
        out.request(1);
    }

    /**
     * A job's program: nothing to relay, so nothing to deliver (its state goes once its exit is recorded,
     * see ExitMonitor). It is {@code started} as soon as it
     * runs, while its start commits with the job and attempt (group-committed with this node's other
     * starts and exits): the leader does not wait for that commit; this node's claim of the attempt
     * refuses a second launch of it, and a start the job table refuses stops the program.
     */
    private void detached(LocalProcess launched, ProcessEntry entry) {
        agent.monitor().announce(launched, entry);
        out.onNext(RunOutput.newBuilder().setStarted(Started.newBuilder().setGpid(launched.gpid())
                .setNodeId(agent.nodeId())).build());
        out.onCompleted();
        LaunchStages.mark("job-started", launched.gpid());
    }

    private void exitSent() {
        LaunchStages.mark("exit-sent", process.gpid());
        stdin.close();
        boolean acknowledged;
        synchronized (this) {
            exitSent = true;
            acknowledged = halfClosed;
        }
        if (acknowledged) {
            // The caller half-closed before the exit: it cannot acknowledge; the spools stay for a while.
            out.onCompleted();
        }
    }

    private void delivered() {
        LaunchStages.mark("acknowledged", process.gpid());
        try {
            process.mark(Marker.DELIVERED);
            agent.monitor().nudge();
        } catch (IOException e) {
            LOG.debug("process {}: {}", process.gpid(), e.getMessage());
        }
        out.onCompleted();
    }

    private void onReady() {
        SpoolRelay current = relay;
        if (current != null) {
            current.wake();
        }
    }

    private void onCancel() {
        cancelled = true;
        SpoolRelay current = relay;
        if (current != null) {
            current.cancel();
        }
        StdinWriter writer = stdin;
        if (writer != null) {
            writer.close();
        }
    }

    private void signal(LocalProcess running, int signal) {
        try {
            running.signal(signal);
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("signal {} to process {}: {}", signal, running.gpid(), e.getMessage());
        }
    }

    private static void resize(LocalProcess running, int rows, int cols) {
        try {
            running.resize(rows, cols);
        } catch (IOException e) {
            LOG.debug("window of process {}: {}", running.gpid(), e.getMessage());
        }
    }
}
