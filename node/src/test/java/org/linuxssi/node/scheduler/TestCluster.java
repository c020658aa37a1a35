package org.linuxssi.node.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PlacementReply;
import org.linuxssi.api.v1.PlacementRequest;
import org.linuxssi.api.v1.Resources;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;

/** A cluster state that tests change step by step: nodes, their heartbeats and the process directory. */
final class TestCluster {

    static final long GIB_KB = 1024 * 1024;

    private final Map<Integer, NodeInfo> nodes = new TreeMap<>();
    private final List<ProcessEntry> processes = new ArrayList<>();
    private String policy = "";
    private long nextPid = 1;

    /** An online node with 16 GiB free that last reported at time 0. */
    TestCluster online(int id, int cpus, double load1) {
        return node(id, NodeState.ONLINE, cpus, load1);
    }

    TestCluster node(int id, NodeState state, int cpus, double load1) {
        nodes.put(id, NodeInfo.newBuilder().setNodeId(id).setAddress("127.0.0." + id + ":7470").setState(state)
                .setResources(Resources.newBuilder().setCpus(cpus).setLoad1(load1).setMemTotalKb(32 * GIB_KB)
                        .setMemFreeKb(16 * GIB_KB))
                .build());
        return this;
    }

    TestCluster state(int id, NodeState state) {
        nodes.put(id, nodes.get(id).toBuilder().setState(state).build());
        return this;
    }

    TestCluster memFreeKb(int id, long kb) {
        NodeInfo node = nodes.get(id);
        nodes.put(id, node.toBuilder().setResources(node.getResources().toBuilder().setMemFreeKb(kb)).build());
        return this;
    }

    /** A heartbeat from the node, stamped with the node's clock. */
    TestCluster heartbeat(int id, long atMs, double load1) {
        NodeInfo node = nodes.get(id);
        nodes.put(id, node.toBuilder().setLastHeartbeatMs(atMs)
                .setResources(node.getResources().toBuilder().setLoad1(load1)).build());
        return this;
    }

    /** A process started through LinuxSSI now runs on the node, as its daemon records in the directory. */
    TestCluster started(int nodeId) {
        processes.add(ProcessEntry.newBuilder().setGpid(nodeId * 10_000_000L + nextPid++).setNodeId(nodeId)
                .setOriginNodeId(nodeId).build());
        return this;
    }

    /** Every LinuxSSI process of the node has exited. */
    TestCluster allExited(int nodeId) {
        processes.replaceAll(p -> p.getNodeId() == nodeId ? p.toBuilder().setExited(true).build() : p);
        return this;
    }

    TestCluster policy(String name) {
        policy = name;
        return this;
    }

    ClusterSnapshot snapshot() {
        return ClusterSnapshot.newBuilder().addAllNodes(nodes.values())
                .setScheduler(SchedulerSettings.newBuilder().setPolicy(policy)).addAllProcesses(processes).build();
    }

    /** Launches the placed process, as the target daemon would, so later snapshots show it. */
    TestCluster launched(PlacementReply reply) {
        return started(reply.getNodeId());
    }

    /** Asks for count placements against the current state, without launching them: node id → placements. */
    Map<Integer, Integer> placeMany(Scheduler scheduler, PlacementRequest request, int count)
            throws PlacementException {
        Map<Integer, Integer> perNode = new TreeMap<>();
        ClusterSnapshot state = snapshot();
        for (int i = 0; i < count; i++) {
            perNode.merge(scheduler.place(request, state).getNodeId(), 1, Integer::sum);
        }
        return perNode;
    }

    /** The node ids of count placements in a row, against the current state. */
    List<Integer> sequence(Scheduler scheduler, PlacementRequest request, int count) throws PlacementException {
        List<Integer> ids = new ArrayList<>();
        ClusterSnapshot state = snapshot();
        for (int i = 0; i < count; i++) {
            ids.add(scheduler.place(request, state).getNodeId());
        }
        return ids;
    }
}
