package org.linuxssi.api;

import io.grpc.Attributes;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.PeerCredentials;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plaintext negotiation for the Unix socket that also reads the peer's credentials
 * (SO_PEERCRED) once per connection and puts them in the transport attributes, where
 * {@link CallerIdentityInterceptor} finds them for every call on that connection.
 */
final class PeerCredentialsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private final InternalProtocolNegotiator.ProtocolNegotiator plaintext = InternalProtocolNegotiators.serverPlaintext();

    @Override
    public AsciiString scheme() {
        return plaintext.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new CredentialsHandler(plaintext.newHandler(grpcHandler));
    }

    @Override
    public void close() {
        plaintext.close();
    }

    /** Sits in front of the plaintext negotiation and adds the credentials to its event. */
    private static final class CredentialsHandler extends ChannelInboundHandlerAdapter {
        private final ChannelHandler next;

        CredentialsHandler(ChannelHandler next) {
            this.next = next;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addAfter(ctx.name(), null, next);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof ProtocolNegotiationEvent negotiation) {
                Attributes attributes = InternalProtocolNegotiationEvent.getAttributes(negotiation);
                CallerCredentials caller = read(ctx);
                if (caller != null) {
                    attributes = attributes.toBuilder().set(CallerCredentials.TRANSPORT_KEY, caller).build();
                }
                ctx.pipeline().remove(this);
                ctx.fireUserEventTriggered(InternalProtocolNegotiationEvent.withAttributes(negotiation, attributes));
                return;
            }
            super.userEventTriggered(ctx, event);
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
