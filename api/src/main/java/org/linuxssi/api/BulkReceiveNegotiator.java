package org.linuxssi.api;

import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Settings;
import io.grpc.netty.shaded.io.netty.util.AsciiString;

/**
 * Plaintext negotiation for a channel to another daemon, which receives a process's output on it in
 * messages of up to 1 MiB. It changes two things in gRPC's HTTP/2 handler:
 * <ul>
 * <li>it gathers the bytes of a frame that several socket reads brought as a composite of those reads'
 * buffers, where Netty's default copies every read that ends inside a frame (about every read)
 * into a new buffer;</li>
 * <li>once its preface is sent, it allows the other daemon DATA frames of up to {@link #MAX_FRAME_BYTES}
 * (a SETTINGS frame, which HTTP/2 allows at any time and applies when acknowledged): HTTP/2's
 * initial 16 KiB cut each message into 64 frames, each decoded, counted against flow control and
 * handed to gRPC on its own.</li>
 * </ul>
 */
final class BulkReceiveNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    /** Largest DATA frame this side takes: a quarter of an output message. */
    static final int MAX_FRAME_BYTES = 256 * 1024;

    private final InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators.plaintext();

    /** The factory {@code NettyChannelBuilder} takes as channel credentials. */
    static InternalProtocolNegotiator.ClientFactory factory() {
        return new InternalProtocolNegotiator.ClientFactory() {
            @Override
            public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator() {
                return new BulkReceiveNegotiator();
            }

            @Override
            public int getDefaultPort() {
                return 80;
            }
        };
    }

    @Override
    public AsciiString scheme() {
        return plaintext.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        grpcHandler.setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        return new LargeFrames(grpcHandler, plaintext.newHandler(grpcHandler));
    }

    @Override
    public void close() {
        plaintext.close();
    }

    /**
     * Puts gRPC's plaintext negotiation after itself; once the channel is active (the negotiation puts
     * gRPC's handler in, which sends the preface, within the same event), sends the larger frame size.
     */
    private static final class LargeFrames extends ChannelInboundHandlerAdapter {

        private final GrpcHttp2ConnectionHandler grpcHandler;
        private final ChannelHandler next;

        LargeFrames(GrpcHttp2ConnectionHandler grpcHandler, ChannelHandler next) {
            this.grpcHandler = grpcHandler;
            this.next = next;
        }

        /** gRPC adds a client's negotiation handler when it registers the channel, before it connects. */
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addAfter(ctx.name(), null, next);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Runs after this event, in which gRPC's handler is put in and sends the preface.
            ctx.channel().eventLoop().execute(() -> {
                ChannelHandlerContext grpc = ctx.pipeline().context(grpcHandler);
                if (grpc != null && ctx.channel().isActive()) {
                    grpcHandler.encoder().writeSettings(grpc, new Http2Settings().maxFrameSize(MAX_FRAME_BYTES),
                            grpc.newPromise());
                    grpc.flush();
                }
            });
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        }
    }
}
