package org.linuxssi.node.scheduler;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.Resources;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;

/**
 * The probe stage: turns every node of the cluster state into a CandidateNode, in node id order, after letting
 * the ledger forget what the state now shows.
 */
final class ClusterProbe {

    private final PlacementLedger ledger;

    ClusterProbe(PlacementLedger ledger) {
        this.ledger = ledger;
    }

    List<CandidateNode> read(ClusterSnapshot state, long nowMs) {
        Map<Integer, Integer> live = liveProcesses(state);
        ledger.settle(state.getNodesList(), live, nowMs);
        return state.getNodesList().stream()
                .sorted(Comparator.comparingInt(NodeInfo::getNodeId))
                .map(node -> candidate(node, live.getOrDefault(node.getNodeId(), 0)))
                .toList();
    }

    private CandidateNode candidate(NodeInfo node, int processes) {
        Resources r = node.getResources();
        return new CandidateNode(node.getNodeId(), node.getAddress(), node.getState(), r.getCpus(), r.getLoad1(),
                r.getMemFreeKb() * 1024, node.getLastHeartbeatMs(), processes, ledger.pendingLoad(node),
                ledger.promisedMemBytes(node));
    }

    private static Map<Integer, Integer> liveProcesses(ClusterSnapshot state) {
        Map<Integer, Integer> live = new HashMap<>();
        for (ProcessEntry entry : state.getProcessesList()) {
            if (!entry.getExited()) {
                live.merge(entry.getNodeId(), 1, Integer::sum);
            }
        }
        return live;
    }
}
