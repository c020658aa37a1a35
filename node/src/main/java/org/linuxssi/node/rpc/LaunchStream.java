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
import org.linuxssi.node.agent.ExitMonitor;
import org.linuxssi.node.agent.LaunchRefusedException;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcess.Marker;
import org.linuxssi.node.agent.ProcessLauncher;
import org.linuxssi.node.agent.SpoolRelay;
import org.linuxssi.node.agent.StateDirWatcher;
import org.linuxssi.node.agent.StdinWriter;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target's side of one NodeAgent.Launch: the first input starts the program and announces it
 * in the process directory; later inputs feed its stdin, signals and window size; a
 * {@link SpoolRelay} streams {@code started}, output and {@code exit}. Inputs are requested one at
 * a time, and stdin only as fast as the program reads it. The caller half-closes once it has the
 * exit: that acknowledgement completes the call and lets the state directory go.
 */
final class LaunchStream implements StreamObserver<RunInput> {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchStream.class);

    /** What a Launch stream needs from the node agent. */
    record Agent(int nodeId, ProcessLauncher launcher, ProcessDirectory directory, StateDirWatcher watcher,
                 ExitMonitor monitor) {
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
            Thread.ofVirtual().name("launch").start(() -> launch(input.getStart()));
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
        LocalProcess launched;
        try {
            launched = agent.launcher().launch(request);
        } catch (LaunchRefusedException e) {
            LOG.info("launch of '{}' refused: {}", String.join(" ", request.getSpec().getArgvList()), e.getMessage());
            out.onError(DaemonError.of(e.code(), e.getMessage()));
            return;
        }
        try {
            agent.directory().recordStarted(launched.record().entry().toBuilder()
                    .setCapabilities(CapabilitySets.newBuilder()
                            .setPermitted(request.getSpec().getCapPermitted())
                            .setEffective(request.getSpec().getCapEffective())
                            .setInheritablePermitted(request.getSpec().getCapInheritablePermitted())
                            .setInheritableEffective(request.getSpec().getCapInheritableEffective()))
                    .build());
            launched.mark(Marker.ANNOUNCED);
        } catch (NoQuorumException | CommandRefusedException | IOException e) {
            agent.launcher().abandon(launched);
            out.onError(DaemonError.noQuorum("process not started: " + e.getMessage()));
            return;
        }
        LOG.info("process {} started for {} (uid {}) from node {}: {}", launched.gpid(), launched.record().user(),
                launched.record().uid(), launched.record().originNodeId(), launched.record().command());
        agent.watcher().watch(launched);
        stdin = new StdinWriter(launched, () -> out.request(1));
        relay = new SpoolRelay(launched, out, 0, 0, Optional.of(Started.newBuilder().setGpid(launched.gpid())
                .setNodeId(agent.nodeId()).build()), this::exitSent);
        process = launched;
        if (cancelled) {
            stdin.close();
            return;
        }
        relay.start();
        out.request(1);
    }

    private void exitSent() {
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
