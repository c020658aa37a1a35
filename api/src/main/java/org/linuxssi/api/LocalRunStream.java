package org.linuxssi.api;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufOutputStream;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.WriteBufferWaterMark;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.linuxssi.api.v1.LocalRunEnd;
import org.linuxssi.api.v1.LocalRunReply;
import org.linuxssi.api.v1.RunOutput;

/**
 * The service's side of a light Run (see {@link LocalRunConnection}): what it writes becomes
 * LocalRunReply messages on the connection, readiness is the connection's writability (so a tool
 * that stops reading stops the service, as gRPC's flow control would), and inputs reach the
 * service only as it requests them.
 */
final class LocalRunStream extends ServerCallStreamObserver<RunOutput> {

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
        if (closed) {
            throw Status.CANCELLED.withDescription("the run is over").asRuntimeException();
        }
        write(LocalRunReply.newBuilder().setOutput(output).build());
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
