package org.linuxssi.tools.krgrun;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.linuxssi.api.Component;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.LocalRunWire;
import org.linuxssi.api.ProtocolVersion;
import org.linuxssi.api.v1.LocalRunEnd;
import org.linuxssi.api.v1.LocalRunHello;
import org.linuxssi.api.v1.LocalRunReply;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.tools.DaemonCallErrors;
import org.linuxssi.tools.DaemonConnection;

/**
 * One Processes.Run on the daemon's Unix socket in the socket's light framing ({@link LocalRunWire}):
 * plain protobuf messages on a JDK socket, so that a cold krgrun starts neither gRPC's transport nor
 * Netty. A reader thread takes the daemon's replies; outputs wait here at most {@link #OUTPUTS_AHEAD}
 * at a time, so a slow reader of krgrun's stdout leaves the rest in the socket and the daemon, which
 * then slows the program down instead of filling krgrun's memory.
 */
final class RunCall implements AutoCloseable {

    /** Outputs read from the socket before krgrun has written the previous ones. */
    static final int OUTPUTS_AHEAD = 4;

    /** What the daemon sent: an output, or the end of the call ({@code error} null when it ended normally). */
    sealed interface Event {
        record Output(RunOutput output) implements Event {
        }

        record Ended(Throwable error) implements Event {
        }
    }

    private final SocketChannel channel;
    private final RunInputSender sender;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(OUTPUTS_AHEAD);
    private volatile boolean closing;

    private RunCall(SocketChannel channel) {
        this.channel = channel;
        this.sender = new RunInputSender(channel);
    }

    /**
     * Connects to the daemon and says who calls; the daemon answers once the first input (start) is sent.
     *
     * @throws org.linuxssi.tools.ToolFailure when there is no daemon to talk to, worded for the user
     */
    static RunCall open(Path socket, String tool) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw unreachable(e, socket, tool);
        }
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw unreachable(e, socket, tool);
        }
        RunCall call = new RunCall(channel);
        call.sender.hello(LocalRunHello.newBuilder()
                .setComponent(tool)
                .setVersion(ProtocolVersion.CURRENT.toString())
                .build());
        Thread.ofPlatform().daemon().name("krgrun-replies").start(call::readReplies);
        return call;
    }

    RunInputSender sender() {
        return sender;
    }

    /** The next output or the end of the call, waiting for it. */
    Event next() throws InterruptedException {
        return events.take();
    }

    /** The last output given by {@link #next} is written: the reader may take one more from the socket. */
    void requestNext() {
        room.release();
    }

    /** Abandons the call, e.g. when krgrun is interrupted: the daemon sees the connection close. */
    void cancel(String why) {
        close();
    }

    @Override
    public void close() {
        closing = true;
        sender.ended();
        closeQuietly(channel);
    }

    private void readReplies() {
        try {
            InputStream in = new BufferedInputStream(new SocketInput(channel), 128 * 1024);
            while (true) {
                LocalRunReply reply = LocalRunReply.parseDelimitedFrom(in);
                if (reply == null) {
                    ended(null);
                    return;
                }
                switch (reply.getReplyCase()) {
                    case OUTPUT -> {
                        room.acquire();
                        events.add(new Event.Output(reply.getOutput()));
                    }
                    case STDIN_TAKEN -> sender.taken(reply.getStdinTaken());
                    case END -> {
                        ended(failure(reply.getEnd()));
                        return;
                    }
                    case REPLY_NOT_SET -> {
                        // A reply kind newer than this krgrun: nothing it could do with it.
                    }
                }
            }
        } catch (IOException e) {
            ended(closing ? null : Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e).asRuntimeException());
        } catch (InterruptedException e) {
            ended(null);
        }
    }

    private void ended(Throwable error) {
        sender.ended();
        events.add(new Event.Ended(error));
    }

    /** The daemon's end of a run without an exit, as the gRPC status the rest of krgrun words. */
    private static StatusRuntimeException failure(LocalRunEnd end) {
        Metadata trailers = new Metadata();
        if (end.getFromDaemon()) {
            trailers.put(DaemonError.ORIGIN, Component.DAEMON);
        }
        Status status = Status.fromCodeValue(end.getCode());
        return (end.getDescription().isEmpty() ? status : status.withDescription(end.getDescription()))
                .asRuntimeException(trailers);
    }

    private static RuntimeException unreachable(Exception e, Path socket, String tool) {
        StatusRuntimeException failure = Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e)
                .asRuntimeException();
        return DaemonCallErrors.toFailure(failure, tool, socket, DaemonConnection.CALL_DEADLINE);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a socket the daemon may have closed first: nothing to tell.
        }
    }

    /**
     * The socket as an input stream that reads through the channel itself: the streams of
     * {@code Channels} may hold the channel's blocking lock while they wait, which would stop the
     * writer on the other side of the same socket.
     */
    private static final class SocketInput extends InputStream {
        private final SocketChannel channel;

        SocketInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(bytes, offset, length));
        }
    }
}
