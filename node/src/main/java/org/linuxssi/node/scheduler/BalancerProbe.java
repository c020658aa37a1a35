package org.linuxssi.node.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.RunnableProcess;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.capability.KerrighedCapabilities;

/**
 * The balancer's probe stage: one NodeLoad per online node, in node id order, from the node table (CPUs, the
 * runnable LinuxSSI processes of each node's last reading), the process directory (where each process is now, its
 * capabilities, its start) and the migration ledger (what the readings do not show yet).
 */
final class BalancerProbe {

    private final MigrationLedger ledger;

    BalancerProbe(MigrationLedger ledger) {
        this.ledger = ledger;
    }

    List<NodeLoad> read(ClusterSnapshot state, long nowMs) {
        ledger.settle(state, nowMs);
        Map<Long, ProcessEntry> entries = new HashMap<>();
        for (ProcessEntry entry : state.getProcessesList()) {
            if (!entry.getExited()) {
                entries.put(entry.getGpid(), entry);
            }
        }
        return state.getNodesList().stream().filter(n -> n.getState() == NodeState.ONLINE)
                .sorted(Comparator.comparingInt(NodeInfo::getNodeId))
                .map(node -> load(node, entries))
                .toList();
    }

    private NodeLoad load(NodeInfo node, Map<Long, ProcessEntry> entries) {
        List<LoadedProcess> runnable = new ArrayList<>();
        for (RunnableProcess p : node.getResources().getRunnableList()) {
            ProcessEntry entry = entries.get(p.getGpid());
            // A reading taken before a move still lists the process on its old node; the directory knows better.
            if (entry != null && entry.getNodeId() == node.getNodeId()) {
                runnable.add(new LoadedProcess(p.getGpid(), node.getNodeId(), p.getCpu(), entry.getStartMs(),
                        entry.hasCapabilities() && KerrighedCapabilities.has(entry.getCapabilities(),
                                KerrighedCapabilities.CAN_MIGRATE)));
            }
        }
        return new NodeLoad(node.getNodeId(), node.getResources().getCpus(), node.getResources().getCriu(),
                List.copyOf(runnable), ledger.arriving(node.getNodeId()));
    }
}
