package org.linuxssi.node.scheduler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.RunnableProcess;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;

/**
 * The migrations this balancer made that the target's readings do not show yet. The source needs no such
 * memory: the process directory moves the process at once, and the probe counts a node's runnable processes only
 * where the directory places them. In memory on the Raft leader only; the package README explains the model.
 */
final class MigrationLedger {

    /** A moved process that no reading shows runnable by then has gone to sleep on its target. */
    static final long SETTLE_MS = 10_000;

    private record Arrival(int nodeId, long movedMs) {
    }

    private final Map<Long, Arrival> arrivals = new HashMap<>();

    void record(long gpid, int toNode, long nowMs) {
        arrivals.put(gpid, new Arrival(toNode, nowMs));
    }

    /**
     * Forgets the arrivals the state now shows (the target reports the process runnable) or proves over (the
     * process ended or moved on, the target is gone), and those older than SETTLE_MS.
     */
    void settle(ClusterSnapshot state, long nowMs) {
        Map<Integer, Set<Long>> shown = new HashMap<>();
        for (NodeInfo node : state.getNodesList()) {
            Set<Long> gpids = new HashSet<>();
            for (RunnableProcess p : node.getResources().getRunnableList()) {
                gpids.add(p.getGpid());
            }
            shown.put(node.getNodeId(), gpids);
        }
        Map<Long, ProcessEntry> entries = new HashMap<>();
        for (ProcessEntry entry : state.getProcessesList()) {
            entries.put(entry.getGpid(), entry);
        }
        arrivals.entrySet().removeIf(e -> {
            Arrival arrival = e.getValue();
            ProcessEntry entry = entries.get(e.getKey());
            return nowMs - arrival.movedMs() > SETTLE_MS
                    || entry == null || entry.getExited() || entry.getNodeId() != arrival.nodeId()
                    || shown.getOrDefault(arrival.nodeId(), Set.of()).contains(e.getKey());
        });
    }

    /** Processes moved to the node that its readings do not show yet. */
    int arriving(int nodeId) {
        return (int) arrivals.values().stream().filter(a -> a.nodeId() == nodeId).count();
    }
}
