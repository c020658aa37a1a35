package org.linuxssi.node.control;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessMoved;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.CommandBatch;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.api.v1.state.ProcessExited;
import org.linuxssi.api.v1.state.ProcessStarted;
import org.linuxssi.api.v1.state.StateQuery;

/**
 * The process directory of the replicated cluster state, as the process space uses it: announce a
 * start, record an exit, look a process or a node up. The control plane is connected once it runs;
 * until then every call answers "no quorum".
 */
public final class ProcessDirectory {

    private static final Duration READ = Duration.ofSeconds(4);
    private static final Duration WRITE = Duration.ofSeconds(6);

    private volatile ControlPlane control;

    public void connect(ControlPlane plane) {
        this.control = plane;
    }

    /** Records a start, committed together with the other starts and exits of this node meanwhile. */
    public void recordStarted(ProcessEntry entry) throws NoQuorumException, CommandRefusedException {
        plane().submitGrouped(ClusterCommand.newBuilder()
                .setProcessStarted(ProcessStarted.newBuilder().setEntry(entry)).build(), WRITE);
    }

    /** Records that a process now runs on {@code nodeId} (migrated or restarted there). */
    public void recordMoved(long gpid, int nodeId) throws NoQuorumException, CommandRefusedException {
        plane().submit(ClusterCommand.newBuilder()
                .setProcessMoved(ProcessMoved.newBuilder().setGpid(gpid).setNodeId(nodeId)).build(), WRITE);
    }

    /** Records how a process ended; a process the directory does not know (never announced, pruned) is fine. */
    public void recordExited(long gpid, ProcessExit exit) throws NoQuorumException {
        recordExited(List.of(ProcessExited.newBuilder().setGpid(gpid).setExit(exit).build()));
    }

    /** Records how several processes ended, in one commit. */
    public void recordExited(List<ProcessExited> exits) throws NoQuorumException {
        if (exits.isEmpty()) {
            return;
        }
        ClusterCommand command = exits.size() == 1
                ? ClusterCommand.newBuilder().setProcessExited(exits.getFirst()).build()
                : ClusterCommand.newBuilder().setBatch(CommandBatch.newBuilder().addAllCommands(exits.stream()
                        .map(e -> ClusterCommand.newBuilder().setProcessExited(e).build()).toList())).build();
        try {
            plane().submitGrouped(command, WRITE);
        } catch (CommandRefusedException e) {
            // "no process": nothing to record against
        }
    }

    /** A linearizable read of the whole cluster state. */
    public ClusterSnapshot read() throws NoQuorumException {
        return plane().read(READ);
    }

    /** Nodes, identity and scheduler settings, without the process directory: cheap at any size. */
    public ClusterSnapshot readNodes() throws NoQuorumException {
        return plane().read(StateQuery.newBuilder().setNodesOnly(true).build(), READ);
    }

    /** Like {@link #readNodes()}, with the directory entry of one process when it has one. */
    public ClusterSnapshot readNodesAnd(long gpid) throws NoQuorumException {
        return plane().read(StateQuery.newBuilder().setNodesOnly(true).setGpid(gpid).build(), READ);
    }

    /** The control plane itself: placement asks it who leads and which daemon that is. */
    public ControlPlane controlPlane() throws NoQuorumException {
        return plane();
    }

    public static Optional<ProcessEntry> entry(ClusterSnapshot state, long gpid) {
        return state.getProcessesList().stream().filter(p -> p.getGpid() == gpid).findFirst();
    }

    public static Optional<NodeInfo> node(ClusterSnapshot state, int nodeId) {
        return state.getNodesList().stream().filter(n -> n.getNodeId() == nodeId).findFirst();
    }

    /** The ids of the online nodes, ascending, e.g. for "online nodes: 1,2,3". */
    public static String onlineList(ClusterSnapshot state) {
        return String.join(",", state.getNodesList().stream().filter(n -> n.getState() == NodeState.ONLINE)
                .map(n -> Integer.toString(n.getNodeId())).toList());
    }

    private ControlPlane plane() throws NoQuorumException {
        ControlPlane plane = control;
        if (plane == null) {
            throw new NoQuorumException("the cluster state is not reachable yet: linuxssid is starting");
        }
        return plane;
    }
}
