package org.linuxssi.tools.krgrun;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.linuxssi.api.Component;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.LocalRunWire;
import org.linuxssi.api.ProtocolVersion;
import org.linuxssi.tools.DaemonCallErrors;
import org.linuxssi.tools.DaemonConnection;

/**
 * One Processes.Run on the daemon's Unix socket in the socket's light framing ({@link LocalRunWire}):
 * protobuf messages on a JDK socket, read and written by hand ({@link RunInputs}, {@link RunReplyReader}),
 * so that a cold krgrun starts neither gRPC's transport, Netty nor the protobuf runtime. A reader
 * thread takes the daemon's replies; outputs wait here at most {@link #OUTPUTS_AHEAD} at a time, so
 * a slow reader of krgrun's stdout leaves the rest in the socket and the daemon, which then slows the
 * program down instead of filling krgrun's memory. Given a stdout channel
 * ({@link #writeStdoutTo}), the reader writes the program's stdout itself, from the socket's bytes
 * to that channel without a copy on the heap, once the outputs before it were handled.
 */
final class RunCall implements AutoCloseable {

    /** Outputs read from the socket before krgrun has written the previous ones. */
    static final int OUTPUTS_AHEAD = 4;
    /** Bytes taken from the socket per read: a whole 1 MiB output message when the socket has it. */
    private static final int READ_BUFFER = 1024 * 1024;
    /** LocalRunReply{output: RunOutput{stdout: ...}}: the two tags and lengths before the bytes, at most. */
    private static final int STDOUT_HEADER_MAX = 12;
    /** LocalRunReply.output and RunOutput.stdout, both length-delimited. */
    private static final int OUTPUT_TAG = 1 << 3 | 2;
    private static final int STDOUT_TAG = 2 << 3 | 2;

    /**
     * What the daemon sent: an output of the program ({@link RunReply.Started}, {@link RunReply.Output},
     * {@link RunReply.Exit}), or the end of the call ({@code error} null when it ended normally).
     */
    sealed interface Event {
        record Output(RunReply output) implements Event {
        }

        record Ended(Throwable error) implements Event {
        }
    }

    private final SocketChannel channel;
    private final RunInputSender sender;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(OUTPUTS_AHEAD);
    private volatile boolean closing;
    /** The reader has handed over the exit and stopped reading. */
    private volatile boolean afterExit;
    private volatile WritableByteChannel stdout;
    private volatile Runnable stdoutGone;
    // Reader thread only: the socket's bytes not parsed yet, between position and limit.
    // Allocated by the reader thread itself: zeroing and faulting in 1 MiB takes milliseconds, which the
    // main thread spends sending the start meanwhile.
    private ByteBuffer in;
    private boolean stdoutBroken;

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
            channel = EarlySocket.take();
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
        call.sender.hello(RunInputs.hello(tool, ProtocolVersion.CURRENT.toString()));
        Thread.ofPlatform().daemon().name("krgrun-replies").start(call::readReplies);
        return call;
    }

    RunInputSender sender() {
        return sender;
    }

    /**
     * From now on the program's stdout goes to {@code channel} (krgrun's fd 1) from the reader thread,
     * without {@link Event.Output} events; a write that fails (the reader of krgrun's stdout is gone)
     * runs {@code gone} once and the rest of stdout is dropped. To call before the start is sent.
     */
    void writeStdoutTo(WritableByteChannel channel, Runnable gone) {
        stdoutGone = gone;
        stdout = channel;
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
        if (afterExit) {
            // Closing a connected socket in blocking mode has the JDK set up its whole IP stack
            // (sun.nio.ch.Net) to decide on a shutdown first, milliseconds of a cold krgrun. Once the
            // reader has stopped, nothing waits on the socket and the non-blocking close skips that.
            try {
                channel.configureBlocking(false);
            } catch (IOException e) {
                // Closed already: nothing to skip.
            }
        }
        closeQuietly(channel);
    }

    private void readReplies() {
        in = ByteBuffer.allocateDirect(READ_BUFFER).flip();
        try {
            while (true) {
                if (!fill(1)) {
                    ended(null);
                    return;
                }
                int length = readVarint();
                if (length < 0 || length > LocalRunWire.MAX_MESSAGE_BYTES) {
                    throw new IOException("linuxssid sent a message of " + Integer.toUnsignedString(length) + " bytes");
                }
                if (!fill(Math.min(length, STDOUT_HEADER_MAX))) {
                    throw new EOFException("the connection ended inside a message");
                }
                int header = stdoutHeader(length);
                if (header > 0 && stdout != null) {
                    // In order: what came before (started, above all) is handled before this is written.
                    room.acquire(OUTPUTS_AHEAD);
                    room.release(OUTPUTS_AHEAD);
                    in.position(in.position() + header);
                    writeStdout(length - header);
                    continue;
                }
                // The message's array is its own: stdout and stderr bytes are views of it, not copies.
                RunReply reply = RunReplyReader.parse(readMessage(length), 0, length);
                if (reply instanceof RunReply.StdinTaken taken) {
                    sender.taken(taken.total());
                } else if (reply instanceof RunReply.End end) {
                    ended(failure(end));
                    return;
                } else if (!(reply instanceof RunReply.Unknown)) {
                    room.acquire();
                    if (reply instanceof RunReply.Exit) {
                        // The last reply: the daemon closes the connection after it, possibly before it
                        // read krgrun's last inputs, and a read on could only meet that close.
                        sender.ended();
                        afterExit = true;
                        events.add(new Event.Output(reply));
                        return;
                    }
                    events.add(new Event.Output(reply));
                }
                // An unknown reply kind is newer than this krgrun: nothing it could do with it.
            }
        } catch (IOException e) {
            ended(closing ? null : Status.UNAVAILABLE.withDescription(e.getMessage()).withCause(e).asRuntimeException());
        } catch (InterruptedException e) {
            ended(null);
        }
    }

    /**
     * The length of the header before the bytes when the message of {@code length} bytes at the read
     * position is stdout and nothing else, else 0.
     */
    private int stdoutHeader(int length) {
        int start = in.position();
        int end = start + length;
        int at = start;
        if (length < 4 || in.get(at++) != OUTPUT_TAG) {
            return 0;
        }
        long output = peekVarint(at);
        at += (int) (output >>> 32);
        if (at + (int) output != end || in.get(at++) != STDOUT_TAG) {
            return 0;
        }
        long bytes = peekVarint(at);
        at += (int) (bytes >>> 32);
        return at + (int) bytes == end ? at - start : 0;
    }

    /** A varint at {@code at} within the bytes read: its size in bytes in the high half, its value in the low. */
    private long peekVarint(int at) {
        int value = 0;
        for (int size = 1; size <= 5 && at < in.limit(); size++, at++) {
            byte b = in.get(at);
            value |= (b & 0x7f) << (7 * (size - 1));
            if (b >= 0) {
                return (long) size << 32 | (value & 0xffffffffL);
            }
        }
        return (long) STDOUT_HEADER_MAX << 32 | 0xffffffffL;
    }

    /** {@code count} bytes of the program's stdout, from the socket to the stdout channel. */
    private void writeStdout(int count) throws IOException {
        int left = count;
        while (left > 0) {
            if (!in.hasRemaining() && !fill(1)) {
                throw new EOFException("the connection ended inside a message");
            }
            int n = Math.min(left, in.remaining());
            ByteBuffer piece = in.slice(in.position(), n);
            in.position(in.position() + n);
            left -= n;
            if (stdoutBroken) {
                continue;
            }
            try {
                while (piece.hasRemaining()) {
                    if (stdout.write(piece) == 0) {
                        // A non-blocking stdout that is full: wait for its reader.
                        LockSupport.parkNanos(1_000_000);
                    }
                }
            } catch (IOException e) {
                // Whoever read krgrun's stdout is gone: the program learns it as a local one would.
                stdoutBroken = true;
                stdoutGone.run();
            }
        }
    }

    /** The next message's {@code length} bytes, in an array of their own. */
    private byte[] readMessage(int length) throws IOException {
        byte[] bytes = new byte[length];
        int copied = 0;
        while (copied < length) {
            if (!in.hasRemaining() && !fill(1)) {
                throw new EOFException("the connection ended inside a message");
            }
            int n = Math.min(length - copied, in.remaining());
            in.get(bytes, copied, n);
            copied += n;
        }
        return bytes;
    }

    /** A varint32 at the read position, reading on as needed. */
    private int readVarint() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!fill(1)) {
                throw new EOFException("the connection ended inside a message");
            }
            byte b = in.get();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return -1;
    }

    /** At least {@code count} bytes to read (at most the buffer's size); false when the connection ended first. */
    private boolean fill(int count) throws IOException {
        if (in.remaining() >= count) {
            return true;
        }
        in.compact();
        try {
            while (in.position() < count) {
                if (channel.read(in) < 0) {
                    return false;
                }
            }
        } finally {
            in.flip();
        }
        return true;
    }

    private void ended(Throwable error) {
        sender.ended();
        events.add(new Event.Ended(error));
    }

    /** The daemon's end of a run without an exit, as the gRPC status the rest of krgrun words. */
    private static StatusRuntimeException failure(RunReply.End end) {
        Metadata trailers = new Metadata();
        if (end.fromDaemon()) {
            trailers.put(DaemonError.ORIGIN, Component.DAEMON);
        }
        Status status = Status.fromCodeValue(end.code());
        return (end.description().isEmpty() ? status : status.withDescription(end.description()))
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
}
