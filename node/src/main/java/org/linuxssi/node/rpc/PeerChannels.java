package org.linuxssi.node.rpc;

import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.AttachRequest;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.NodeAgentGrpc;
import org.linuxssi.api.v1.PeerGrpc;
import org.linuxssi.api.v1.RunInput;

/** Channels from this daemon to other daemons, one per "host:port", made on first use. */
public final class PeerChannels implements Closeable {

    private static final MethodDescriptor<RunInput, RelayedOutput> RELAYED_LAUNCH = NodeAgentGrpc.getLaunchMethod()
            .toBuilder(NodeAgentGrpc.getLaunchMethod().getRequestMarshaller(), new AliasingOutputMarshaller()).build();
    private static final MethodDescriptor<AttachRequest, RelayedOutput> RELAYED_ATTACH = NodeAgentGrpc.getAttachMethod()
            .toBuilder(NodeAgentGrpc.getAttachMethod().getRequestMarshaller(), new AliasingOutputMarshaller()).build();

    private static final CallOptions RELAYED = CallOptions.DEFAULT.withExecutor(Runnable::run);

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** A Peer stub for the daemon at "host:port", with a deadline. */
    public PeerGrpc.PeerBlockingStub peer(String address, long timeoutMillis) {
        return PeerGrpc.newBlockingStub(channel(address)).withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** An asynchronous NodeAgent stub for the daemon at "host:port" (streams set their own flow control). */
    public NodeAgentGrpc.NodeAgentStub nodeAgent(String address) {
        return NodeAgentGrpc.newStub(channel(address));
    }

    /**
     * NodeAgent.Launch for a krgrun's relay (space/LaunchRelay): as the stub's, but stdout and stderr
     * bytes are views of the transport's received buffers ({@link AliasingOutputMarshaller}), passed on
     * without a copy and released by {@code outputs} ({@link RelayedOutput#release}), which is called on
     * the transport's thread (no hand-off to gRPC's executor per message): it must not block.
     */
    public StreamObserver<RunInput> launchForRelay(String address, StreamObserver<RelayedOutput> outputs) {
        return ClientCalls.asyncBidiStreamingCall(channel(address).newCall(RELAYED_LAUNCH, RELAYED), outputs);
    }

    /** NodeAgent.Attach for a krgrun's relay, like {@link #launchForRelay}. */
    public void attachForRelay(String address, AttachRequest request, StreamObserver<RelayedOutput> outputs) {
        ClientCalls.asyncServerStreamingCall(channel(address).newCall(RELAYED_ATTACH, RELAYED), request, outputs);
    }

    /** A blocking NodeAgent stub for the daemon at "host:port", with a deadline. */
    public NodeAgentGrpc.NodeAgentBlockingStub nodeAgent(String address, long timeoutMillis) {
        return NodeAgentGrpc.newBlockingStub(channel(address)).withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** An asynchronous MobilityAgent stub for the daemon at "host:port" (migration's images travel on it). */
    public MobilityAgentGrpc.MobilityAgentStub mobilityAgent(String address) {
        return MobilityAgentGrpc.newStub(channel(address));
    }

    private ManagedChannel channel(String address) {
        ManagedChannel channel = channels.computeIfAbsent(address, a -> {
            int colon = a.lastIndexOf(':');
            return GrpcEndpoints.tcpChannel(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)),
                    Component.daemon());
        });
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            // The daemon there may be back since the last failure: try it now, not after the back-off.
            channel.resetConnectBackoff();
        }
        return channel;
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
