package org.linuxssi.api;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator;
import io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.v1.ProcessesGrpc;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The one place where gRPC channels and servers are made, so that transport
 * security and the version check apply to every caller without it knowing.
 */
public final class GrpcEndpoints {

    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /**
     * HTTP/2 flow-control window of daemon-to-daemon streams (gRPC's default is 1 MiB): a process's
     * output crosses in messages of up to 1 MiB, so several must fit in it for the next to be on the
     * wire while the receiver takes the last. Still a bound per stream, not a buffer.
     */
    private static final int TCP_WINDOW_BYTES = 4 * 1024 * 1024;
    /**
     * Most bytes a channel to another daemon takes from its socket per read (Netty's default, 64 KiB,
     * grows no further): a process's output arrives at a relaying daemon as a stream of 1 MiB messages,
     * which it passes on as views of these buffers; 4 times fewer reads, and fewer HTTP/2 frames cut in
     * two by a read's end (gRPC merges those into a copy).
     */
    private static final int TCP_MAX_READ_BYTES = 256 * 1024;
    /**
     * Buffers of daemon-to-daemon channels: one arena of 16 MiB chunks (gRPC's own pool: 2 MiB chunks in two
     * arenas per core), caching freed buffers on its event loops only. A process's output keeps a few MiB of buffers
     * in use at a time (1 MiB messages, 4 MiB windows): in 2 MiB chunks that filled and emptied in turn,
     * Netty freed every emptied chunk and the next read made a new one, zeroed and page-faulted, a fifth
     * of a relaying daemon's CPU. A 16 MiB chunk keeps being filled while its first buffers are released,
     * so it lives as long as the stream. With the daemon's JVM options (bin/lib/common.sh) a chunk is not
     * zeroed either: its pages become resident as buffers use them.
     */
    private static final ByteBufAllocator PEER_BUFFERS = new PooledByteBufAllocator(true, 0, 1, 8192, 11,
            PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(), false);
    private static volatile EventLoopGroup sharedGroup;

    private GrpcEndpoints() {
    }

    /** A channel to the daemon listening on a Unix socket. */
    public static ManagedChannel unixChannel(Path socket, Component self) {
        return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .eventLoopGroup(group())
                .channelType(EpollDomainSocketChannel.class)
                // gRPC asks for TCP keepalive on every channel; a Unix socket has none (null removes the option).
                .withOption(ChannelOption.SO_KEEPALIVE, null)
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .intercept(new VersionClientInterceptor(self))
                .build();
    }

    /** A channel to a daemon at host:port. */
    public static ManagedChannel tcpChannel(String host, int port, Component self) {
        return NettyChannelBuilder.forAddress(new InetSocketAddress(host, port),
                        InternalNettyChannelCredentials.create(BulkReceiveNegotiator.factory()))
                .eventLoopGroup(group())
                .channelType(EpollSocketChannel.class)
                .withOption(ChannelOption.ALLOCATOR, PEER_BUFFERS)
                .withOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, TCP_MAX_READ_BYTES))
                .flowControlWindow(TCP_WINDOW_BYTES)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .intercept(new VersionClientInterceptor(self))
                .build();
    }

    /**
     * A started server on a Unix socket; a stale socket file left by a dead daemon is replaced.
     * Services see each caller's kernel-given identity as {@link CallerCredentials#current()}.
     */
    public static Server unixServer(Path socket, Component self, IntSupplier nodeId, List<BindableService> services)
            throws IOException {
        Path parent = socket.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(socket);
        // A Processes service also answers krgrun's light framing on the same socket (LocalRunWire).
        ProcessesGrpc.AsyncService localRuns = services.stream()
                .filter(ProcessesGrpc.AsyncService.class::isInstance)
                .map(ProcessesGrpc.AsyncService.class::cast)
                .findFirst().orElse(null);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()),
                        InternalNettyServerCredentials.create(new PeerCredentialsNegotiator(self, nodeId, localRuns)))
                .channelType(EpollServerDomainSocketChannel.class)
                // A light connection never completes gRPC's handshake; on a local socket whose callers the
                // kernel names, there is no stranger to time out.
                .handshakeTimeout(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
                .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                .bossEventLoopGroup(group())
                .workerEventLoopGroup(group());
        Server server = configure(builder, self, nodeId, services).build().start();
        socket.toFile().setWritable(true, false);
        socket.toFile().setReadable(true, false);
        return server;
    }

    /** A started server on a TCP address. */
    public static Server tcpServer(InetSocketAddress address, Component self, IntSupplier nodeId,
                                   List<BindableService> services) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .channelType(EpollServerSocketChannel.class)
                .withChildOption(ChannelOption.ALLOCATOR, PEER_BUFFERS)
                .flowControlWindow(TCP_WINDOW_BYTES)
                .bossEventLoopGroup(group())
                .workerEventLoopGroup(group());
        return configure(builder, self, nodeId, services).build().start();
    }

    private static NettyServerBuilder configure(NettyServerBuilder builder, Component self, IntSupplier nodeId,
                                                List<BindableService> services) {
        builder.maxInboundMessageSize(MAX_MESSAGE_BYTES);
        VersionServerInterceptor versions = new VersionServerInterceptor(self, nodeId);
        CallerIdentityInterceptor identity = new CallerIdentityInterceptor();
        for (BindableService service : services) {
            // The last interceptor given runs first: versions are checked before anything else.
            builder.addService(ServerInterceptors.intercept(service, identity, versions));
        }
        return builder;
    }

    private static EventLoopGroup group() {
        EventLoopGroup group = sharedGroup;
        if (group == null) {
            synchronized (GrpcEndpoints.class) {
                group = sharedGroup;
                if (group == null) {
                    group = new EpollEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                            daemonThreads());
                    sharedGroup = group;
                }
            }
        }
        return group;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "linuxssi-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
