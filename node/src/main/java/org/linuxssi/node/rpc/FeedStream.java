package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.FeedReply;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessTable;
import org.linuxssi.node.agent.StdinWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NodeAgent.Feed on the process's node: the input of a process whose caller re-attached (it moved
 * here, or a daemon restarted), written to its input FIFO as fast as the program reads it. The first
 * message names the process, and one reply says it is held here; a next message is requested only
 * while the writer has room, so a program that does not read pushes back to the caller.
 */
final class FeedStream implements StreamObserver<RunInput> {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStream.class);

    private final LocalProcessTable table;
    private final int nodeId;
    private final ServerCallStreamObserver<FeedReply> reply;
    private StdinWriter stdin;

    FeedStream(LocalProcessTable table, int nodeId, ServerCallStreamObserver<FeedReply> reply) {
        this.table = table;
        this.nodeId = nodeId;
        this.reply = reply;
        reply.disableAutoRequest();
        reply.setOnCancelHandler(this::stop);
        reply.request(1);
    }

    @Override
    public synchronized void onNext(RunInput input) {
        if (stdin == null) {
            open(input);
            return;
        }
        switch (input.getInputCase()) {
            case STDIN -> {
                if (stdin.offer(input.getStdin())) {
                    reply.request(1);
                }
            }
            case STDIN_EOF -> {
                stdin.endOfInput();
                reply.request(1);
            }
            default -> reply.request(1);
        }
    }

    private void open(RunInput first) {
        if (first.getInputCase() != RunInput.InputCase.FEED) {
            reply.onError(DaemonError.invalidArgument("the first message of a feed must name the process, not "
                    + first.getInputCase().name().toLowerCase()));
            return;
        }
        Optional<LocalProcess> process = table.get(first.getFeed()).filter(LocalProcess::isRunning);
        if (process.isEmpty()) {
            reply.onError(DaemonError.of(Status.Code.NOT_FOUND, "no running process " + first.getFeed() + " on node "
                    + nodeId));
            return;
        }
        stdin = new StdinWriter(process.get(), () -> reply.request(1));
        LOG.info("input of process {} fed again from its caller", first.getFeed());
        reply.onNext(FeedReply.getDefaultInstance());
        reply.request(1);
    }

    @Override
    public void onError(Throwable t) {
        stop();
    }

    /** The caller's input is complete: what was queued is still written. */
    @Override
    public void onCompleted() {
        reply.onCompleted();
    }

    private synchronized void stop() {
        if (stdin != null) {
            stdin.close();
        }
    }
}
