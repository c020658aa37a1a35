package org.linuxssi.node.space;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.ReleasingOutputs;
import org.linuxssi.api.v1.AttachRequest;
import org.linuxssi.api.v1.FeedReply;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.ExitReports;
import org.linuxssi.node.agent.SpoolRelay;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.RelayedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The origin's side of one krgrun: places the process, opens NodeAgent.Launch on the target (this
 * node included) and relays both ways, input one message at a time and output at most
 * {@link #OUTPUT_AHEAD} messages ahead, each requested only when the other side is ready for it, so
 * neither daemon buffers more than a few messages per stream.
 * When the target daemon goes away after {@code started}, the tool's stream stays open and
 * NodeAgent.Attach is retried from the offsets already relayed until the node answers again (output
 * continues, nothing lost or repeated) or is marked {@code down} (exit 255).
 */
public final class LaunchRelay implements StreamObserver<RunInput> {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchRelay.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(2);
    private static final long SIGNAL_TIMEOUT_MILLIS = 5000;
    /**
     * Output messages asked of the target and not received yet, while the tool is ready: the next
     * one is decoded while this one is forwarded, instead of a request round trip per message. What
     * the tool's stream may queue stays bounded: its ready threshold plus this many messages.
     */
    private static final int OUTPUT_AHEAD = 2;

    private enum Phase { WAITING_START, PLACING, RUNNING, REATTACHING, DONE }

    private final ProcessSpace space;
    private final CallerCredentials caller;
    private final ServerCallStreamObserver<RunOutput> tool;

    private Phase phase = Phase.WAITING_START;
    private ClientCallStreamObserver<RunInput> launch;
    private TargetStream current;
    private boolean toolRequestOwed;
    private boolean stdinEnded;
    private boolean toolHalfClosed;
    private int targetNode;
    private String targetAddress;
    private long gpid;
    private long stdoutOffset;
    private long stderrOffset;
    /** The re-attached process's input: NodeAgent.Feed to its node, while open. */
    private ClientCallStreamObserver<RunInput> feed;
    /** A feed asked for, until its node says it holds the input. */
    private FeedCall opening;
    /** Input that came while no feed was open; the tool is asked for more once it is sent. */
    private final List<RunInput> held = new ArrayList<>(2);
    private boolean feedRequestOwed;

    public LaunchRelay(ProcessSpace space, CallerCredentials caller, ServerCallStreamObserver<RunOutput> tool) {
        this.space = space;
        this.caller = caller;
        this.tool = tool;
        tool.disableAutoRequest();
        tool.setOnReadyThreshold(SpoolRelay.IN_FLIGHT);
        tool.setOnReadyHandler(this::toolReady);
        tool.setOnCancelHandler(this::toolGone);
        tool.request(1);
    }

    @Override
    public synchronized void onNext(RunInput input) {
        switch (phase) {
            case WAITING_START -> {
                if (input.getInputCase() != RunInput.InputCase.START) {
                    fail(DaemonError.invalidArgument("the first message of a run must be 'start', not "
                            + input.getInputCase().name().toLowerCase()));
                    return;
                }
                phase = Phase.PLACING;
                Thread.ofVirtual().name("place").start(() -> start(input.getStart()));
            }
            case RUNNING -> forward(input);
            case REATTACHING -> {
                if (input.getInputCase() == RunInput.InputCase.STDIN
                        || input.getInputCase() == RunInput.InputCase.STDIN_EOF && !stdinEnded) {
                    toFeed(input);
                    return;
                }
                if (input.getInputCase() == RunInput.InputCase.SIGNAL) {
                    signalAside(input.getSignal());
                }
                tool.request(1);
            }
            default -> {
            }
        }
    }

    /** The tool sends nothing more: its input ends (now, or once the launch is open). */
    @Override
    public synchronized void onCompleted() {
        toolHalfClosed = true;
        if (phase == Phase.RUNNING) {
            endInput();
        } else if (phase == Phase.REATTACHING && !stdinEnded) {
            toFeed(RunInput.newBuilder().setStdinEof(true).build());
        }
    }

    /**
     * Input for a re-attached process goes to its node through NodeAgent.Feed; while none is open
     * (the re-attach is under way) it waits here, and the tool is not asked for more: nothing is
     * dropped, and a tool that writes on pushes back to its own pipe.
     */
    private void toFeed(RunInput input) {
        if (input.getInputCase() == RunInput.InputCase.STDIN_EOF) {
            stdinEnded = true;
        }
        if (feed == null) {
            held.add(input);
        } else {
            sendToFeed(input);
        }
    }

    private void sendToFeed(RunInput input) {
        feed.onNext(input);
        if (input.getInputCase() == RunInput.InputCase.STDIN_EOF) {
            feed.onCompleted();
            feed = null;
        } else if (feed.isReady()) {
            tool.request(1);
        } else {
            feedRequestOwed = true;
        }
    }

    /**
     * Opens the input of the process on the node it is re-attached to; what waited is sent once the
     * node says it holds the process's input (so nothing goes to a node that does not have it).
     */
    private synchronized void openFeed() {
        closeFeed();
        opening = new FeedCall();
        ClientCallStreamObserver<RunInput> call = (ClientCallStreamObserver<RunInput>) space.peers()
                .nodeAgent(targetAddress).feed(opening);
        call.onNext(RunInput.newBuilder().setFeed(gpid).build());
    }

    /**
     * The node holds the input: waiting input goes now. An end of input delivered before (to the node
     * it left) is sent again: its input pipe is a new one.
     */
    private synchronized void feedOpen(FeedCall opened) {
        if (opened != opening) {
            return;
        }
        opening = null;
        boolean endedBefore = stdinEnded && held.isEmpty();
        feed = opened.call;
        List<RunInput> pending = new ArrayList<>(held);
        held.clear();
        if (endedBefore) {
            pending.add(RunInput.newBuilder().setStdinEof(true).build());
        }
        for (RunInput input : pending) {
            if (feed != null) {
                sendToFeed(input);
            }
        }
    }

    private synchronized void closeFeed() {
        if (opening != null) {
            opening.call.cancel("the process is re-attached elsewhere", null);
            opening = null;
        }
        if (feed != null) {
            feed.cancel("the process is re-attached elsewhere", null);
            feed = null;
        }
    }

    private synchronized void feedReady() {
        if (feedRequestOwed && feed != null && feed.isReady()) {
            feedRequestOwed = false;
            tool.request(1);
        }
    }

    /** The call behind {@link #feed}: only its readiness and its failure matter here. */
    private final class FeedCall implements ClientResponseObserver<RunInput, FeedReply> {
        private volatile ClientCallStreamObserver<RunInput> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<RunInput> requestStream) {
            call = requestStream;
            requestStream.setOnReadyHandler(LaunchRelay.this::feedReady);
        }

        @Override
        public void onNext(FeedReply reply) {
            feedOpen(this);
        }

        @Override
        public void onError(Throwable t) {
            synchronized (LaunchRelay.this) {
                if (opening == this) {
                    opening = null;
                    LOG.info("input of process {} not fed on node {}: {}", gpid, targetNode, Status.fromThrowable(t));
                } else if (feed == call) {
                    feed = null;
                    LOG.info("input of process {} not fed on node {}: {}", gpid, targetNode, Status.fromThrowable(t));
                    if (feedRequestOwed) {
                        feedRequestOwed = false;
                        tool.request(1);
                    }
                }
            }
        }

        @Override
        public void onCompleted() {
        }
    }

    private void endInput() {
        if (!stdinEnded) {
            stdinEnded = true;
            launch.onNext(RunInput.newBuilder().setStdinEof(true).build());
        }
    }

    @Override
    public void onError(Throwable t) {
        toolGone();
    }

    private void start(RunRequest asked) {
        RunRequest request = space.onBehalfOf(asked, caller);
        try {
            Placement placement = space.placement().place(request);
            open(placement, request);
        } catch (NoQuorumException e) {
            synchronized (this) {
                fail(DaemonError.noQuorum(e.getMessage()));
            }
        } catch (StatusRuntimeException e) {
            synchronized (this) {
                fail(e);
            }
        }
    }

    private synchronized void open(Placement placement, RunRequest request) {
        if (phase != Phase.PLACING) {
            return;
        }
        targetNode = placement.nodeId();
        targetAddress = placement.address();
        current = new TargetStream(true);
        launch = (ClientCallStreamObserver<RunInput>) space.peers().launchForRelay(placement.address(), current);
        launch.onNext(RunInput.newBuilder().setStart(request).build());
        phase = Phase.RUNNING;
        if (toolHalfClosed) {
            endInput();
            return;
        }
        requestToolInputIfTargetReady();
    }

    private void forward(RunInput input) {
        if (input.getInputCase() == RunInput.InputCase.START) {
            tool.request(1);
            return;
        }
        if (input.getInputCase() == RunInput.InputCase.STDIN_EOF) {
            stdinEnded = true;
        }
        launch.onNext(input);
        requestToolInputIfTargetReady();
    }

    private void requestToolInputIfTargetReady() {
        if (launch.isReady()) {
            tool.request(1);
        } else {
            toolRequestOwed = true;
        }
    }

    private synchronized void launchReady() {
        if (phase == Phase.RUNNING && toolRequestOwed && launch.isReady()) {
            toolRequestOwed = false;
            tool.request(1);
        }
    }

    private synchronized void toolReady() {
        if (phase == Phase.RUNNING || phase == Phase.REATTACHING) {
            askOutput();
        }
    }

    /** Asks the current source for output up to {@link #OUTPUT_AHEAD} messages, while the tool is ready. */
    private void askOutput() {
        TargetStream stream = current;
        if (stream == null || stream.call == null) {
            return;
        }
        int more = OUTPUT_AHEAD - stream.asked;
        if (more > 0 && tool.isReady()) {
            stream.asked += more;
            stream.call.request(more);
        }
    }

    /** The tool went away (its stream was cancelled): hang up on the program, as a terminal would. */
    private void toolGone() {
        ClientCallStreamObserver<?> call;
        boolean hangUp;
        synchronized (this) {
            if (phase == Phase.DONE) {
                return;
            }
            hangUp = gpid != 0 && !space.stopping();
            call = current != null ? current.call : null;
            phase = Phase.DONE;
        }
        space.nodeWatch().unwatch(this);
        if (hangUp) {
            LOG.info("the caller of process {} went away: SIGHUP", gpid);
            signalAside(1);
        }
        if (call != null) {
            call.cancel("the caller went away", null);
        }
    }

    /** Sends a signal through NodeAgent.SignalLocal, off the stream (which may be blocked or gone). */
    private void signalAside(int signal) {
        long target = gpid;
        String address = targetAddress;
        Thread.ofVirtual().start(() -> {
            try {
                space.peers().nodeAgent(address, SIGNAL_TIMEOUT_MILLIS).signalLocal(SignalRequest.newBuilder()
                        .addGpids(target).setSignal(signal).setUid(caller.uid()).build());
            } catch (StatusRuntimeException e) {
                LOG.info("signal {} to process {} not delivered: {}", signal, target, e.getStatus());
            }
        });
    }

    private void fromTarget(TargetStream stream, RelayedOutput relayed) {
        RunOutput output = relayed.output();
        synchronized (this) {
            if (stream != current || phase == Phase.DONE) {
                relayed.release();
                return;
            }
            stream.asked--;
            switch (output.getOutputCase()) {
                case STARTED -> {
                    gpid = output.getStarted().getGpid();
                    space.nodeWatch().watch(this, targetNode, this::targetDown);
                }
                case STDOUT -> stdoutOffset += output.getStdout().size();
                case STDERR -> stderrOffset += output.getStderr().size();
                default -> {
                }
            }
            toTool(relayed);
            if (output.getOutputCase() == RunOutput.OutputCase.EXIT) {
                phase = Phase.DONE;
                closeFeed();
                space.nodeWatch().unwatch(this);
                tool.onCompleted();
                if (stream.isLaunch) {
                    // The acknowledgement: the target may now drop the process's spools.
                    launch.onCompleted();
                }
                stream.ended.complete(Status.OK);
                return;
            }
            askOutput();
        }
    }

    /**
     * Passes an output on, its bytes as received: the light framing writes them after this returns and
     * releases them once written; a gRPC stream serialises them before {@code onNext} returns.
     */
    private void toTool(RelayedOutput relayed) {
        if (tool instanceof ReleasingOutputs later) {
            later.onNext(relayed.output(), relayed::release);
            return;
        }
        try {
            tool.onNext(relayed.output());
        } finally {
            relayed.release();
        }
    }

    private void targetFailed(TargetStream stream, Throwable t) {
        Status status = Status.fromThrowable(t);
        synchronized (this) {
            stream.ended.complete(status);
            if (stream != current || phase == Phase.DONE) {
                return;
            }
            if (gpid == 0) {
                fail(translate(status, t));
                return;
            }
            boolean first = phase == Phase.RUNNING;
            phase = Phase.REATTACHING;
            closeFeed();
            if (toolRequestOwed) {
                // Input was held back for the dead launch stream; signals must still get through.
                toolRequestOwed = false;
                tool.request(1);
            }
            if (first) {
                LOG.info("lost the stream of process {} on node {} ({}): re-attaching", gpid, targetNode,
                        status.getCode());
                Thread.ofVirtual().name("reattach-" + gpid).start(this::reattach);
            }
        }
    }

    /** Retries NodeAgent.Attach until the node answers again or is marked down. */
    private void reattach() {
        Duration pause = FIRST_RETRY;
        while (true) {
            synchronized (this) {
                if (phase != Phase.REATTACHING) {
                    return;
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
            ClusterSnapshot state;
            try {
                state = space.directory().readNodesAnd(gpid);
            } catch (NoQuorumException e) {
                continue;
            }
            // A migrated process runs elsewhere now: follow the directory.
            ProcessDirectory.entry(state, gpid).filter(e -> !e.getExited()).ifPresent(e -> targetNode = e.getNodeId());
            Optional<NodeInfo> node = ProcessDirectory.node(state, targetNode);
            if (node.isEmpty() || node.get().getState() == NodeState.DOWN) {
                finish(ExitReports.lost("node " + targetNode + " was lost while running the process"));
                return;
            }
            TargetStream attempt;
            synchronized (this) {
                if (phase != Phase.REATTACHING) {
                    return;
                }
                targetAddress = node.get().getAddress();
                attempt = new TargetStream(false);
                current = attempt;
                space.peers().attachForRelay(targetAddress, AttachRequest.newBuilder().setGpid(gpid)
                        .setStdoutOffset(stdoutOffset).setStderrOffset(stderrOffset).build(), attempt);
                openFeed();
            }
            Status end = attempt.awaitEnd();
            if (end.isOk()) {
                return;
            }
            if (end.getCode() == Status.Code.NOT_FOUND) {
                settleLostProcess();
                return;
            }
            pause = attempt.delivered ? FIRST_RETRY : pause;
        }
    }

    /** The target no longer knows the process: its exit is in the directory, or it was lost. */
    private void settleLostProcess() {
        ProcessExit exit = ExitReports.lost("process " + gpid + " was lost on node " + targetNode);
        try {
            Optional<ProcessEntry> entry = ProcessDirectory.entry(space.directory().readNodesAnd(gpid), gpid);
            if (entry.isPresent() && entry.get().getExited()) {
                exit = entry.get().getExit();
            }
        } catch (NoQuorumException e) {
            LOG.warn("process {}: {}", gpid, e.getMessage());
        }
        finish(exit);
    }

    /** The node was marked down: a silent stream to it would never fail by itself. */
    private void targetDown() {
        ClientCallStreamObserver<?> call;
        synchronized (this) {
            call = phase == Phase.DONE || current == null ? null : current.call;
        }
        if (call != null) {
            call.cancel("node " + targetNode + " is down", null);
        }
    }

    private synchronized void finish(ProcessExit exit) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        space.nodeWatch().unwatch(this);
        if (exit.getStatus() == ExitReports.LOST) {
            LOG.warn("process {}: {}", gpid, exit.getError());
        }
        tool.onNext(RunOutput.newBuilder().setExit(exit).build());
        tool.onCompleted();
    }

    private void fail(StatusRuntimeException error) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        space.nodeWatch().unwatch(this);
        tool.onError(error);
    }

    /** An error from the target before the process started: the daemon's own line, or who did not answer. */
    private StatusRuntimeException translate(Status status, Throwable t) {
        if (DaemonError.isFromDaemon(status, Status.trailersFromThrowable(t))) {
            return DaemonError.of(status.getCode(), status.getDescription());
        }
        return DaemonError.of(Status.Code.UNAVAILABLE, "node " + targetNode + " did not answer ("
                + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()) + ")");
    }

    /** One call to the target (the launch or an attach) whose output this relay forwards. */
    private final class TargetStream implements ClientResponseObserver<Object, RelayedOutput> {
        final boolean isLaunch;
        /** How the call ended: OK once the exit came through it. */
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        volatile ClientCallStreamObserver<Object> call;
        volatile boolean delivered;
        /** Messages requested of this call and not received yet (guarded by the relay). */
        int asked;

        TargetStream(boolean isLaunch) {
            this.isLaunch = isLaunch;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(1);
            synchronized (LaunchRelay.this) {
                asked = 1;
            }
            if (isLaunch) {
                requestStream.setOnReadyHandler(LaunchRelay.this::launchReady);
            }
        }

        @Override
        public void onNext(RelayedOutput output) {
            delivered = true;
            fromTarget(this, output);
        }

        @Override
        public void onError(Throwable t) {
            targetFailed(this, t);
        }

        @Override
        public void onCompleted() {
            synchronized (LaunchRelay.this) {
                if (phase == Phase.DONE || this != current) {
                    ended.complete(Status.OK);
                    return;
                }
            }
            targetFailed(this, Status.UNAVAILABLE.withDescription("the stream ended before the exit")
                    .asRuntimeException());
        }

        /** How the call ended; OK also when this thread is interrupted (the daemon stops: no more retries). */
        Status awaitEnd() {
            try {
                return ended.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.OK;
            } catch (ExecutionException e) {
                return Status.fromThrowable(e.getCause());
            }
        }
    }
}
