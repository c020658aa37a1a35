package org.linuxssi.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufOutputStream;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.channel.WriteBufferWaterMark;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.linuxssi.api.v1.LocalRunEnd;
import org.linuxssi.api.v1.LocalRunReply;
import org.linuxssi.api.v1.RunOutput;

/**
 * The service's side of a light Run (see {@link LocalRunConnection}): what it writes becomes
 * LocalRunReply messages on the connection, readiness is the connection's writability (so a tool
 * that stops reading stops the service, as gRPC's flow control would), and inputs reach the
 * service only as it requests them.
 */
final class LocalRunStream extends ServerCallStreamObserver<RunOutput> implements ReleasingOutputs {

    /**
     * Output bytes on the heap go to the socket in pieces of at most this much, each copied into a direct
     * buffer by the event loop: pieces this small come from and go back to the event loop's cache of
     * Netty's pool, where a 1 MiB buffer takes a 2 MiB chunk of its own, allocated, zeroed and freed per
     * message. Bytes already in direct memory (a relaying daemon's received buffers) go as they are.
     */
    private static final int PIECE = 32 * 1024;

    private final Channel channel;
    private final LocalRunConnection connection;
    private volatile Runnable onReady = () -> { };
    private volatile Runnable onCancel = () -> { };
    private volatile boolean cancelled;
    private volatile boolean closed;
    /** The service ended the run itself (exit sent, or its own error): it is not told of the tool's leaving. */
    private volatile boolean endedByService;

    LocalRunStream(Channel channel, LocalRunConnection connection) {
        this.channel = channel;
        this.connection = connection;
    }

    @Override
    public void onNext(RunOutput output) {
        onNext(output, null);
    }

    /**
     * Writes {@code output}; a stdout or stderr message larger than a piece is written after this returns,
     * its bytes as they are (see {@link #PIECE}), and {@code release} runs once the socket took them.
     */
    @Override
    public void onNext(RunOutput output, Runnable release) {
        boolean later = false;
        try {
            if (closed) {
                throw Status.CANCELLED.withDescription("the run is over").asRuntimeException();
            }
            ByteString bytes = switch (output.getOutputCase()) {
                case STDOUT -> output.getStdout();
                case STDERR -> output.getStderr();
                default -> null;
            };
            if (bytes == null || bytes.size() <= PIECE) {
                write(LocalRunReply.newBuilder().setOutput(output).build());
                return;
            }
            writeParts(Unpooled.wrappedBuffer(outputHeader(output.getOutputCase().getNumber(), bytes.size())),
                    bytes.asReadOnlyByteBufferList(), release);
            later = true;
        } finally {
            if (!later && release != null) {
                release.run();
            }
        }
    }

    /**
     * What comes before {@code size} bytes of field {@code field} of a RunOutput in
     * {@code LocalRunReply{output: ...}}, length-delimited: the bytes follow as they are, without
     * serialising the message around them.
     */
    private static byte[] outputHeader(int field, int size) {
        int output = 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
        int reply = 1 + CodedOutputStream.computeUInt32SizeNoTag(output) + output;
        byte[] header = new byte[CodedOutputStream.computeUInt32SizeNoTag(reply) + reply - size];
        CodedOutputStream out = CodedOutputStream.newInstance(header);
        try {
            out.writeUInt32NoTag(reply);
            out.writeTag(LocalRunReply.OUTPUT_FIELD_NUMBER, 2);
            out.writeUInt32NoTag(output);
            out.writeTag(field, 2);
            out.writeUInt32NoTag(size);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return header;
    }

    /**
     * Writes the header, then the parts: all in direct memory, as one buffer of them all, as they are;
     * else as pieces of {@link #PIECE} bytes; in order with the other writes. {@code release} (may be
     * null) runs once the last part is written, or failed to be.
     */
    private void writeParts(ByteBuf header, List<ByteBuffer> parts, Runnable release) {
        ChannelPromise written = channel.newPromise();
        if (release != null) {
            written.addListener(done -> release.run());
        }
        Runnable writes = () -> {
            channel.write(header);
            if (parts.stream().allMatch(ByteBuffer::isDirect)) {
                // One write, one promise and one entry in the outbound buffer, not one per part (an
                // HTTP/2 frame each, when a relaying daemon lends gRPC's buffers).
                channel.write(Unpooled.wrappedBuffer(parts.toArray(ByteBuffer[]::new)), written);
            } else {
                for (ByteBuffer part : parts) {
                    ByteBuf bytes = Unpooled.wrappedBuffer(part);
                    for (int at = bytes.readerIndex(); at < bytes.writerIndex(); at += PIECE) {
                        channel.write(bytes.retainedSlice(at, Math.min(PIECE, bytes.writerIndex() - at)));
                    }
                    bytes.release();
                }
                // Promises complete in the order of their writes: this one once every piece is written.
                channel.write(Unpooled.EMPTY_BUFFER, written);
            }
            channel.flush();
        };
        // Like Channel.write: at once on the event loop, queued behind its other tasks elsewhere.
        if (channel.eventLoop().inEventLoop()) {
            writes.run();
            return;
        }
        try {
            channel.eventLoop().execute(writes);
        } catch (RuntimeException e) {
            // The event loop is shutting down: nothing will be written.
            header.release();
            if (release != null) {
                release.run();
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!closed) {
            endedByService = true;
            end(error);
        }
    }

    /** Ends the run for the service's sake (e.g. the daemon stops): the tool reads why, the service is told later. */
    void abort(Throwable error) {
        if (!closed) {
            end(error);
        }
    }

    private void end(Throwable error) {
        closed = true;
        Status status = Status.fromThrowable(error);
        Metadata trailers = Status.trailersFromThrowable(error);
        String description = status.getDescription();
        LocalRunEnd end = LocalRunEnd.newBuilder()
                .setCode(status.getCode().value())
                .setDescription(description == null ? "" : description)
                .setFromDaemon(DaemonError.isFromDaemon(status, trailers))
                .build();
        channel.writeAndFlush(frame(LocalRunReply.newBuilder().setEnd(end).build()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void onCompleted() {
        if (closed) {
            return;
        }
        closed = true;
        endedByService = true;
        channel.writeAndFlush(channel.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Tells the tool how much of its input the service has taken, so that it may send more. */
    void stdinTaken(long total) {
        if (!closed) {
            write(LocalRunReply.newBuilder().setStdinTaken(total).build());
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
        onCancel = handler;
    }

    @Override
    public void setOnReadyThreshold(int bytes) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(Math.max(1, bytes / 2), bytes));
    }

    @Override
    public void setCompression(String compression) {
        // A local socket: nothing to gain from compression.
    }

    @Override
    public void disableAutoRequest() {
        connection.manualRequests();
    }

    @Override
    public void disableAutoInboundFlowControl() {
        connection.manualRequests();
    }

    @Override
    public boolean isReady() {
        return !closed && channel.isWritable();
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
        onReady = handler;
    }

    @Override
    public void request(int count) {
        connection.request(count);
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }

    /** The connection can take more: called on the service's callbacks, like gRPC's onReady. */
    void ready() {
        if (!closed) {
            onReady.run();
        }
    }

    /**
     * The connection is gone: unless the service had ended the run, it is cancelled, as gRPC cancels a
     * call whose client went away. Called once, on the service's callbacks.
     *
     * @return true when the service must also be told through its input observer
     */
    boolean cancel() {
        closed = true;
        if (endedByService) {
            return false;
        }
        cancelled = true;
        onCancel.run();
        return true;
    }

    boolean closed() {
        return closed;
    }

    private void write(LocalRunReply reply) {
        channel.writeAndFlush(frame(reply));
    }

    private ByteBuf frame(LocalRunReply reply) {
        int size = reply.getSerializedSize();
        ByteBuf buffer = channel.alloc().buffer(size + 5);
        try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
            reply.writeDelimitedTo(out);
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e);
        }
        return buffer;
    }
}
