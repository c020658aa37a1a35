package org.linuxssi.node.space;

import java.time.Duration;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.node.capability.KerrighedCapabilities;
import org.linuxssi.node.capability.LocalCapabilityTable;
import org.linuxssi.node.agent.UserNames;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.PeerChannels;

/**
 * What the cluster-wide side of the process space shares on this node: the directory, placement,
 * channels to the other daemons, the down-node watch, and whether the daemon is stopping.
 */
public final class ProcessSpace {

    /** How old a node table a launch may trust for "that node is online" (see {@link NodeView}). */
    private static final Duration NODE_VIEW_AGE = Duration.ofSeconds(1);

    private final int nodeId;
    private final ProcessDirectory directory;
    private final PlacementClient placement;
    private final PeerChannels peers;
    private final UserNames users;
    private final NodeWatch nodeWatch;
    private final LocalCapabilityTable capabilities;
    private volatile boolean stopping;

    public ProcessSpace(int nodeId, ProcessDirectory directory, PeerChannels peers, UserNames users,
                        LocalCapabilityTable capabilities) {
        this.nodeId = nodeId;
        this.capabilities = capabilities;
        this.directory = directory;
        NodeView nodes = new NodeView(directory, NODE_VIEW_AGE);
        this.placement = new PlacementClient(nodeId, directory, peers, nodes);
        this.peers = peers;
        this.users = users;
        this.nodeWatch = new NodeWatch(nodes);
    }

    public int nodeId() {
        return nodeId;
    }

    public ProcessDirectory directory() {
        return directory;
    }

    public PlacementClient placement() {
        return placement;
    }

    public PeerChannels peers() {
        return peers;
    }

    /** Capability sets of this node's processes that LinuxSSI did not start (the callers' shells). */
    public LocalCapabilityTable capabilities() {
        return capabilities;
    }

    public NodeWatch nodeWatch() {
        return nodeWatch;
    }

    /** The daemon is shutting down: streams that end now are not the callers going away. */
    public void stop() {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    /**
     * The request as the target receives it: the identity is the caller's, from the socket's
     * credentials (whatever the tool put there), and this node is the origin. The program is the
     * caller's child for Kerrighed's capabilities: without DISTANT_FORK in effect it runs here,
     * unless the caller named a node.
     */
    public RunRequest onBehalfOf(RunRequest request, CallerCredentials caller) {
        CapabilitySets sets = capabilities.forChildOf(caller.pid());
        RunRequest.Builder builder = request.toBuilder()
                .setOriginNodeId(nodeId)
                .setSpec(request.getSpec().toBuilder()
                        .setUid(caller.uid())
                        .setGid(caller.gid())
                        .clearGroups()
                        .addAllGroups(caller.groups())
                        .setUser(users.nameOf(caller.uid()))
                        .setCapPermitted(sets.getPermitted())
                        .setCapEffective(sets.getEffective())
                        .setCapInheritablePermitted(sets.getInheritablePermitted())
                        .setCapInheritableEffective(sets.getInheritableEffective()));
        if (request.getNodeId() == 0 && !KerrighedCapabilities.has(sets, KerrighedCapabilities.DISTANT_FORK)) {
            builder.setNodeId(nodeId);
        }
        return builder.build();
    }
}
