package org.linuxssi.node.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.linuxssi.node.config.ManagerAddress;

/**
 * The Raft group of one session: its id is derived from the session id, so daemons of
 * different sessions can never be members of one group; its peers are the managers.
 */
public record RaftGroupLayout(RaftGroup group, Optional<RaftPeerId> self, List<ManagerAddress> managers) {

    /**
     * @param managers managers from node.conf; empty means this node alone
     * @param selfHost this node's address, used when it is the lone manager or one of the list
     * @param selfPort this node's gRPC port
     */
    public static RaftGroupLayout of(int sessionId, List<ManagerAddress> managers, String selfHost, int selfPort) {
        List<ManagerAddress> effective = managers.isEmpty() ? List.of(new ManagerAddress(selfHost, selfPort)) : managers;
        List<RaftPeer> peers = new ArrayList<>();
        RaftPeerId self = null;
        for (ManagerAddress manager : effective) {
            RaftPeerId id = peerId(manager);
            peers.add(RaftPeer.newBuilder().setId(id).setAddress(manager.host() + ":" + manager.raftPort()).build());
            if (manager.host().equals(selfHost) && manager.port() == selfPort) {
                self = id;
            }
        }
        return new RaftGroupLayout(RaftGroup.valueOf(groupId(sessionId), peers), Optional.ofNullable(self),
                List.copyOf(effective));
    }

    public static RaftGroupId groupId(int sessionId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
                ("linuxssi-session-" + sessionId).getBytes(StandardCharsets.UTF_8)));
    }

    static RaftPeerId peerId(ManagerAddress manager) {
        return RaftPeerId.valueOf("m-" + manager.host().replace('.', '_').replace(':', '_') + "-" + manager.port());
    }

    /** The manager a Raft peer id (e.g. the leader's) names. */
    public Optional<ManagerAddress> manager(String peerId) {
        return managers.stream().filter(m -> peerId(m).toString().equals(peerId)).findFirst();
    }

    public boolean isManager() {
        return self.isPresent();
    }
}
