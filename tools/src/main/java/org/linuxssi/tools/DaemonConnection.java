package org.linuxssi.tools;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;

/** A channel to the local linuxssid that turns every failed call into a {@link ToolFailure}; close it at exit. */
public final class DaemonConnection implements AutoCloseable {

    /** Deadline of an ordinary call: long enough for a leader election, short enough that a hang is noticed. */
    public static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    private final String tool;
    private final Path socket;
    private final ManagedChannel channel;

    private DaemonConnection(String tool, Path socket, ManagedChannel channel) {
        this.tool = tool;
        this.socket = socket;
        this.channel = channel;
    }

    /** Opens a channel to the socket; the channel connects lazily, on the first call. */
    public static DaemonConnection open(String tool, Path socket) {
        return new DaemonConnection(tool, socket, GrpcEndpoints.unixChannel(socket, Component.tool(tool)));
    }

    public Path socket() {
        return socket;
    }

    /** For streaming calls, whose failures the caller maps with {@link DaemonCallErrors}. */
    public ManagedChannel channel() {
        return channel;
    }

    /**
     * Makes one unary call with a deadline.
     *
     * @param stubs    makes the blocking stub, e.g. {@code ClusterAdminGrpc::newBlockingStub}
     * @param deadline how long the daemon has to answer
     * @param rpc      the call itself
     * @throws ToolFailure with the line to print when the call fails
     */
    public <S extends AbstractStub<S>, R> R call(Function<Channel, S> stubs, Duration deadline, Function<S, R> rpc) {
        S stub = stubs.apply(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return rpc.apply(stub);
        } catch (StatusRuntimeException e) {
            throw DaemonCallErrors.toFailure(e, tool, socket, deadline);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
