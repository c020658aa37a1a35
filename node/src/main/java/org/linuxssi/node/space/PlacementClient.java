package org.linuxssi.node.space;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.PlacementReply;
import org.linuxssi.api.v1.PlacementRequest;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.node.config.ManagerAddress;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.PeerChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the node of a new process: the one the caller named (it must be online), or the one the
 * scheduler on the Raft leader picks (Peer.Place). A leader whose daemon does not implement Place
 * yet leaves the process on this node.
 */
public final class PlacementClient {

    private static final Logger LOG = LoggerFactory.getLogger(PlacementClient.class);
    private static final long PLACE_TIMEOUT_MILLIS = 5000;

    private final int nodeId;
    private final ProcessDirectory directory;
    private final PeerChannels peers;
    private final NodeView nodes;

    public PlacementClient(int nodeId, ProcessDirectory directory, PeerChannels peers, NodeView nodes) {
        this.nodeId = nodeId;
        this.directory = directory;
        this.peers = peers;
        this.nodes = nodes;
    }

    /** @throws StatusRuntimeException a one-line error for the caller */
    public Placement place(RunRequest request) throws NoQuorumException {
        if (request.getNodeId() != 0) {
            return online(request.getNodeId());
        }
        ControlPlane control = directory.controlPlane();
        String leader = control.leader();
        Optional<ManagerAddress> manager = control.layout().manager(leader);
        if (manager.isEmpty()) {
            throw DaemonError.of(Status.Code.UNAVAILABLE, "cannot place the process: no Raft leader is known ("
                    + leader + ")");
        }
        PlacementRequest ask = PlacementRequest.newBuilder()
                .setOriginNodeId(nodeId)
                .setMemBytes(request.getSpec().getMemBytes())
                .setPolicy(request.getPolicy())
                .build();
        PlacementReply reply;
        try {
            reply = peers.peer(manager.get().toString(), PLACE_TIMEOUT_MILLIS).place(ask);
        } catch (StatusRuntimeException e) {
            if (DaemonError.isFromDaemon(e.getStatus(), e.getTrailers())) {
                throw DaemonError.of(e.getStatus().getCode(), e.getStatus().getDescription());
            }
            throw DaemonError.of(Status.Code.UNAVAILABLE, "cannot place the process: the scheduler at "
                    + manager.get() + " did not answer (" + e.getStatus().getCode() + ")");
        }
        // The scheduler placed it on an online node and says where that node's daemon listens.
        return reply.getAddress().isEmpty() ? online(reply.getNodeId())
                : new Placement(reply.getNodeId(), reply.getAddress());
    }

    private Placement online(int id) throws NoQuorumException {
        ClusterSnapshot[] fresh = new ClusterSnapshot[1];
        Optional<NodeInfo> node = nodes.online(id, state -> fresh[0] = state);
        if (node.isEmpty()) {
            throw DaemonError.failedPrecondition("node " + id + " is not online (online nodes: "
                    + ProcessDirectory.onlineList(fresh[0]) + ")");
        }
        return new Placement(id, node.get().getAddress());
    }
}
