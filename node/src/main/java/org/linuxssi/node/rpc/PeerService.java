package org.linuxssi.node.rpc;

import io.grpc.stub.StreamObserver;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.HelloReply;
import org.linuxssi.api.v1.HelloRequest;
import org.linuxssi.api.v1.PeerGrpc;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.api.v1.ShutdownReply;
import org.linuxssi.api.v1.ShutdownRequest;
import org.linuxssi.node.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers other daemons: the session check of Hello, and Shutdown for poweroff and reboot. */
public final class PeerService extends PeerGrpc.PeerImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(PeerService.class);

    private final int sessionId;
    private final int nodeId;
    private final Lifecycle lifecycle;

    public PeerService(int sessionId, int nodeId, Lifecycle lifecycle) {
        this.sessionId = sessionId;
        this.nodeId = nodeId;
        this.lifecycle = lifecycle;
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
