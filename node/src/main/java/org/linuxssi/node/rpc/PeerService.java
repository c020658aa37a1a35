package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.BooleanSupplier;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.HelloReply;
import org.linuxssi.api.v1.HelloRequest;
import org.linuxssi.api.v1.PeerGrpc;
import org.linuxssi.api.v1.PlacementReply;
import org.linuxssi.api.v1.PlacementRequest;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.api.v1.ShutdownReply;
import org.linuxssi.api.v1.ShutdownRequest;
import org.linuxssi.node.Lifecycle;
import org.linuxssi.node.control.ClusterState;
import org.linuxssi.node.scheduler.PlacementException;
import org.linuxssi.node.scheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers other daemons: the session check of Hello, Shutdown for poweroff and reboot, and Place on the leader. */
public final class PeerService extends PeerGrpc.PeerImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(PeerService.class);

    private final int sessionId;
    private final int nodeId;
    private final Lifecycle lifecycle;
    private final Scheduler scheduler;
    private final ClusterState state;
    private final BooleanSupplier leader;

    /**
     * @param scheduler places processes when this node is the Raft leader
     * @param state     this manager's applied cluster state, which the scheduler reads
     * @param leader    whether this node is the Raft leader now
     */
    public PeerService(int sessionId, int nodeId, Lifecycle lifecycle, Scheduler scheduler, ClusterState state,
                       BooleanSupplier leader) {
        this.sessionId = sessionId;
        this.nodeId = nodeId;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.state = state;
        this.leader = leader;
    }

    @Override
    public void place(PlacementRequest request, StreamObserver<PlacementReply> reply) {
        if (!leader.getAsBoolean()) {
            reply.onError(DaemonError.of(Status.Code.UNAVAILABLE, "node " + nodeId
                    + " is no longer the Raft leader; try again"));
            return;
        }
        try {
            reply.onNext(scheduler.place(request, state.snapshot()));
            reply.onCompleted();
        } catch (PlacementException e) {
            reply.onError(DaemonError.failedPrecondition(e.getMessage()));
        }
    }

    @Override
    public void hello(HelloRequest request, StreamObserver<HelloReply> reply) {
        if (request.getSessionId() != sessionId) {
            LOG.warn("refusing node {} at {}: it belongs to session {}, this node to session {}",
                    request.getNodeId(), request.getAddress(), request.getSessionId(), sessionId);
            reply.onError(DaemonError.failedPrecondition("node " + nodeId + " belongs to session " + sessionId
                    + ", not session " + request.getSessionId()));
            return;
        }
        reply.onNext(HelloReply.newBuilder().setSessionId(sessionId).setNodeId(nodeId).build());
        reply.onCompleted();
    }

    @Override
    public void shutdown(ShutdownRequest request, StreamObserver<ShutdownReply> reply) {
        PowerAction action = request.getAction() == PowerAction.REBOOT ? PowerAction.REBOOT : PowerAction.POWEROFF;
        LOG.info("{} requested by node {}", action.name().toLowerCase(), request.getRequestedBy());
        reply.onNext(ShutdownReply.getDefaultInstance());
        reply.onCompleted();
        lifecycle.request(action);
    }
}
