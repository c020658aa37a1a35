package org.linuxssi.api;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelDuplexHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.linuxssi.api.v1.LocalRunHello;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunInput;

/**
 * One light connection on the Unix socket ({@link LocalRunWire}), after its magic bytes: reads the
 * hello and the RunInput messages and gives them to the Processes service's {@code run} exactly as a
 * gRPC call would — the caller's kernel-given identity in the context, the protocol version checked
 * first, inputs delivered one at a time as the service requests them, the run cancelled when the
 * tool goes away. The tool keeps its unread input within {@link LocalRunWire#STDIN_WINDOW} (it is
 * told what was taken), so reading the socket eagerly holds at most that much here.
 */
final class LocalRunConnection extends ChannelDuplexHandler {

    /**
     * The socket's send buffer for a light run: a program's output reaches krgrun in reads of up to this
     * much instead of the default ~200 KiB, with fewer wake-ups of either side. Kernel memory, bounded.
     */
    private static final int SEND_BUFFER = 1024 * 1024;
    /** Control messages (signals, window sizes) a tool may have waiting here; more is a broken tool. */
    private static final int MAX_QUEUED = 1024;

    private final CallerCredentials caller;
    private final Component self;
    private final IntSupplier nodeId;
    private final ProcessesGrpc.AsyncService service;
    private final SerialCallbacks callbacks = new SerialCallbacks("local-run");
    private final AtomicLong queuedStdin = new AtomicLong();
    private final AtomicLong queuedCount = new AtomicLong();

    // Event loop only.
    private ByteBuf cumulation;
    private LocalRunStream stream;

    // Callbacks only.
    private final ArrayDeque<RunInput> queued = new ArrayDeque<>();
    private StreamObserver<RunInput> inputs;
    private boolean manual;
    private long requested;
    private boolean inputEnded;
    private boolean inputCompleted;
    private boolean gone;
    private long stdinTaken;

    LocalRunConnection(CallerCredentials caller, Component self, IntSupplier nodeId, ProcessesGrpc.AsyncService service) {
        this.caller = caller;
        this.self = self;
        this.nodeId = nodeId;
        this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        cumulation = Cumulation.append(ctx.alloc(), cumulation, (ByteBuf) msg);
        try {
            while (cumulation.isReadable() && (stream == null || !stream.closed())) {
                int start = cumulation.readerIndex();
                int length = readVarint(cumulation);
                if (length < 0 || cumulation.readableBytes() < length) {
                    cumulation.readerIndex(start);
                    break;
                }
                if (length > LocalRunWire.MAX_MESSAGE_BYTES) {
                    refuse(ctx, "a message of " + length + " bytes (at most " + LocalRunWire.MAX_MESSAGE_BYTES + ")");
                    return;
                }
                java.nio.ByteBuffer frame = cumulation.nioBuffer(cumulation.readerIndex(), length);
                cumulation.skipBytes(length);
                if (stream == null) {
                    hello(ctx, LocalRunHello.parseFrom(frame));
                } else {
                    input(ctx, RunInput.parseFrom(frame));
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            refuse(ctx, "a message that is not valid protobuf (" + e.getMessage() + ")");
        } finally {
            if (cumulation != null && !cumulation.isReadable()) {
                cumulation.release();
                cumulation = null;
            } else if (cumulation != null) {
                cumulation.discardReadBytes();
            }
        }
    }

    private void hello(ChannelHandlerContext ctx, LocalRunHello hello) {
        ctx.channel().config().setOption(ChannelOption.SO_SNDBUF, SEND_BUFFER);
        stream = new LocalRunStream(ctx.channel(), this);
        Optional<String> refusal = VersionServerInterceptor.refusal(self, nodeId.getAsInt(), hello.getComponent(),
                hello.getVersion());
        if (refusal.isPresent()) {
            stream.abort(Status.FAILED_PRECONDITION.withDescription(refusal.get()).asRuntimeException());
            return;
        }
        callbacks.execute(() -> {
            Context context = Context.current().withValue(CallerCredentials.CONTEXT_KEY, caller);
            Context previous = context.attach();
            try {
                inputs = service.run(stream);
            } finally {
                context.detach(previous);
            }
            // gRPC tells a new call once that it may send; so does this.
            stream.ready();
            drain();
        });
    }

    private void input(ChannelHandlerContext ctx, RunInput input) {
        if (input.getInputCase() == RunInput.InputCase.INPUT_NOT_SET) {
            // An empty message is the tool's half-close; the end of the connection without it is its leaving.
            callbacks.execute(() -> {
                inputEnded = true;
                drain();
            });
            return;
        }
        long pendingStdin = input.getInputCase() == RunInput.InputCase.STDIN
                ? queuedStdin.addAndGet(input.getStdin().size()) : queuedStdin.get();
        if (pendingStdin > 2L * LocalRunWire.STDIN_WINDOW || queuedCount.incrementAndGet() > MAX_QUEUED) {
            refuse(ctx, "more input than its window of " + LocalRunWire.STDIN_WINDOW + " bytes");
            return;
        }
        callbacks.execute(() -> {
            queued.add(input);
            drain();
        });
    }

    /** The service takes {@code count} more inputs (its manual flow control). */
    void request(int count) {
        callbacks.execute(() -> {
            requested += count;
            drain();
        });
    }

    /** Called by the service while it starts, on the callbacks: inputs wait for its requests. */
    void manualRequests() {
        manual = true;
    }

    private void drain() {
        if (inputs == null || gone) {
            return;
        }
        long takenBefore = stdinTaken;
        while (!queued.isEmpty() && (!manual || requested > 0)) {
            RunInput input = queued.poll();
            queuedCount.decrementAndGet();
            if (manual) {
                requested--;
            }
            if (input.getInputCase() == RunInput.InputCase.STDIN) {
                stdinTaken += input.getStdin().size();
                queuedStdin.addAndGet(-input.getStdin().size());
            }
            inputs.onNext(input);
            if (gone) {
                return;
            }
        }
        if (stdinTaken != takenBefore) {
            stream.stdinTaken(stdinTaken);
        }
        if (queued.isEmpty() && inputEnded && !inputCompleted) {
            inputCompleted = true;
            inputs.onCompleted();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && stream != null) {
            callbacks.execute(stream::ready);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        LocalRunStream ended = stream;
        if (ended != null) {
            callbacks.execute(() -> {
                if (gone) {
                    return;
                }
                gone = true;
                if (ended.cancel() && inputs != null) {
                    inputs.onError(Status.CANCELLED.withDescription("the tool closed its connection").asRuntimeException());
                }
            });
        }
    }

    /**
     * Anything but bytes written here is the gRPC transport under this connection being shut down
     * (the daemon stops): the tool is told, and the run ends as a cancelled gRPC call would.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            ctx.write(msg, promise);
            return;
        }
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        if (stream != null && !stream.closed()) {
            stream.abort(DaemonError.of(Status.Code.UNAVAILABLE, "linuxssid is stopping"));
        } else {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, String what) {
        if (stream == null) {
            stream = new LocalRunStream(ctx.channel(), this);
        }
        stream.abort(DaemonError.invalidArgument("linuxssid received " + what + " on the local socket"));
    }

    /** A varint32 from the buffer, or -1 when it is not all there yet. */
    private static int readVarint(ByteBuf buffer) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!buffer.isReadable()) {
                return -1;
            }
            byte b = buffer.readByte();
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        return Integer.MAX_VALUE;
    }
}
