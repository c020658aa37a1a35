package org.linuxssi.api;

import io.grpc.Attributes;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.PeerCredentials;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.linuxssi.api.v1.ProcessesGrpc;

/**
 * Plaintext negotiation for the Unix socket that also reads the peer's credentials
 * (SO_PEERCRED) once per connection and puts them in the transport attributes, where
 * {@link CallerIdentityInterceptor} finds them for every call on that connection.
 *
 * <p>With a Processes service it also tells the two framings of the socket apart by a connection's
 * first bytes: HTTP/2's preface goes on to gRPC, {@link LocalRunWire#MAGIC} to a
 * {@link LocalRunConnection} for that service. gRPC's negotiation waits for those bytes (a client
 * speaks first in both), so no HTTP/2 frame is ever sent to a light client.
 */
final class PeerCredentialsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private final InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators.serverPlaintext();
    private final Component self;
    private final IntSupplier nodeId;
    private final ProcessesGrpc.AsyncService localRuns;

    /** @param localRuns the service light connections run against; null: gRPC only */
    PeerCredentialsNegotiator(Component self, IntSupplier nodeId, ProcessesGrpc.AsyncService localRuns) {
        this.self = self;
        this.nodeId = nodeId;
        this.localRuns = localRuns;
    }

    @Override
    public AsciiString scheme() {
        return plaintext.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new CredentialsHandler(plaintext.newHandler(grpcHandler), self, nodeId, localRuns);
    }

    @Override
    public void close() {
        plaintext.close();
    }

    /** Sits in front of the plaintext negotiation and adds the credentials to its event. */
    private static final class CredentialsHandler extends ChannelInboundHandlerAdapter {
        private final ChannelHandler next;
        private final Component self;
        private final IntSupplier nodeId;
        private final ProcessesGrpc.AsyncService localRuns;
        /** gRPC's negotiation, held until the first bytes show the connection is gRPC's. */
        private ProtocolNegotiationEvent held;
        private CallerCredentials caller;
        private ByteBuf first;

        CredentialsHandler(ChannelHandler next, Component self, IntSupplier nodeId, ProcessesGrpc.AsyncService localRuns) {
            this.next = next;
            this.self = self;
            this.nodeId = nodeId;
            this.localRuns = localRuns;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addAfter(ctx.name(), null, next);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof ProtocolNegotiationEvent negotiation && held == null) {
                caller = read(ctx);
                Attributes attributes = InternalProtocolNegotiationEvent.getAttributes(negotiation);
                if (caller != null) {
                    attributes = attributes.toBuilder().set(CallerCredentials.TRANSPORT_KEY, caller).build();
                }
                ProtocolNegotiationEvent withCaller = InternalProtocolNegotiationEvent.withAttributes(negotiation,
                        attributes);
                if (localRuns == null || caller == null) {
                    ctx.pipeline().remove(this);
                    ctx.fireUserEventTriggered(withCaller);
                } else {
                    held = withCaller;
                }
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (held == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            first = Cumulation.append(ctx.alloc(), first, (ByteBuf) msg);
            int seen = Math.min(first.readableBytes(), LocalRunWire.MAGIC.length);
            for (int i = 0; i < seen; i++) {
                if (first.getByte(first.readerIndex() + i) != LocalRunWire.MAGIC[i]) {
                    toGrpc(ctx);
                    return;
                }
            }
            if (seen == LocalRunWire.MAGIC.length) {
                toLocalRun(ctx);
            }
        }

        /** Not the light framing: gRPC's negotiation goes on, and gets the bytes read so far. */
        private void toGrpc(ChannelHandlerContext ctx) {
            ProtocolNegotiationEvent negotiation = held;
            ByteBuf bytes = first;
            held = null;
            first = null;
            ctx.pipeline().remove(this);
            ctx.fireUserEventTriggered(negotiation);
            ctx.fireChannelRead(bytes);
        }

        /** The light framing: this connection is a LocalRunConnection's alone from here on. */
        private void toLocalRun(ChannelHandlerContext ctx) {
            ByteBuf rest = first.skipBytes(LocalRunWire.MAGIC.length);
            first = null;
            held = null;
            ChannelPipeline pipeline = ctx.pipeline();
            // gRPC's negotiation handlers would hold back every write until a negotiation that never comes:
            // the connection is the LocalRunConnection's alone. gRPC's transport still writes its shutdown
            // commands to the channel; LocalRunConnection turns them into the run's end.
            for (String name : pipeline.names()) {
                if (!name.equals(ctx.name()) && pipeline.context(name) != null) {
                    pipeline.remove(name);
                }
            }
            pipeline.addLast(new LocalRunConnection(caller, self, nodeId, localRuns));
            pipeline.remove(this);
            if (rest.isReadable()) {
                pipeline.fireChannelRead(rest);
            } else {
                rest.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (first != null) {
                first.release();
                first = null;
            }
            // Closed before saying which framing: gRPC's handlers see the end of a connection that never negotiated.
            held = null;
            super.channelInactive(ctx);
        }

        private static CallerCredentials read(ChannelHandlerContext ctx) {
            if (!(ctx.channel() instanceof EpollDomainSocketChannel channel)) {
                return null;
            }
            try {
                PeerCredentials peer = channel.peerCredentials();
                return new CallerCredentials(peer.pid(), peer.uid(), peer.gids().length > 0 ? peer.gids()[0] : -1,
                        groups(peer.pid(), peer.gids()));
            } catch (IOException e) {
                return null;
            }
        }

        /** Supplementary groups from /proc/PID/status; the kernel's SO_PEERCRED carries only the primary one. */
        private static List<Integer> groups(int pid, int[] fallback) {
            List<Integer> groups = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
                    if (line.startsWith("Groups:")) {
                        for (String group : line.substring("Groups:".length()).trim().split("\\s+")) {
                            if (!group.isEmpty()) {
                                groups.add(Integer.parseInt(group));
                            }
                        }
                        return groups;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the caller may have exited already: keep what the kernel gave
            }
            for (int gid : fallback) {
                groups.add(gid);
            }
            return groups;
        }
    }
}
