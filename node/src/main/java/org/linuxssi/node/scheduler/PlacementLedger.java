package org.linuxssi.node.scheduler;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;

/**
 * The placements this scheduler made that the cluster state does not show yet, so that a burst of launches
 * spreads instead of landing on the node that looked idlest a moment ago. In memory on the Raft leader only;
 * the package README explains the model.
 */
final class PlacementLedger {

    /** The kernel's load1 takes in a new runnable process as 1 - e^(-t / 60 s). */
    static final double LOAD1_TIME_CONSTANT_MS = 60_000;
    /** A placement whose unshown share has faded below this is forgotten (about 3 minutes of heartbeats). */
    static final double FORGOTTEN_BELOW = 0.05;
    /** Past this, load1 shows more than 99% of a placement; also bounds the ledger if a node clock steps back. */
    static final long FORGOTTEN_AFTER_MS = 300_000;
    /** A placed process that is still alive is in the process directory by then: launch plus one Raft commit. */
    static final long DIRECTORY_GRACE_MS = 5_000;
    /** A free-memory reading taken this long after a placement shows the memory its process touched. */
    static final long MEMORY_SETTLE_MS = 5_000;

    /**
     * @param placedMs     scheduler clock, for the directory grace and the age limit
     * @param readingMs    the node's last_heartbeat_ms when placed; later readings are compared with it, on the
     *                     node's own clock, so that clock skew between nodes does not matter
     */
    private record Placement(long placedMs, long readingMs, long memBytes) {
    }

    private final Map<Integer, Deque<Placement>> byNode = new HashMap<>();

    void record(CandidateNode node, long memBytes, long nowMs) {
        byNode.computeIfAbsent(node.nodeId(), id -> new ArrayDeque<>())
                .addLast(new Placement(nowMs, node.readingMs(), memBytes));
    }

    /**
     * Forgets the placements the state now shows or proves gone: those of nodes no longer online, those load1 has
     * taken in, and those whose process is not in the directory after the grace period.
     *
     * @param liveProcesses node id → live LinuxSSI processes on it in the process directory
     */
    void settle(List<NodeInfo> nodes, Map<Integer, Integer> liveProcesses, long nowMs) {
        Map<Integer, NodeInfo> online = nodes.stream().filter(n -> n.getState() == NodeState.ONLINE)
                .collect(Collectors.toMap(NodeInfo::getNodeId, Function.identity(), (a, b) -> b));
        byNode.entrySet().removeIf(entry -> {
            NodeInfo node = online.get(entry.getKey());
            if (node == null) {
                return true;
            }
            Deque<Placement> placements = entry.getValue();
            placements.removeIf(p -> unshownShare(p, node) < FORGOTTEN_BELOW
                    || nowMs - p.placedMs() > FORGOTTEN_AFTER_MS);
            dropVanished(placements, liveProcesses.getOrDefault(entry.getKey(), 0), nowMs);
            return placements.isEmpty();
        });
    }

    /**
     * Every placed process still alive after the grace period is in the directory, so a node's due placements
     * cannot outnumber its live LinuxSSI processes: the surplus exited or never started. Which ones is unknown;
     * the oldest go first because they carry the least load.
     */
    private static void dropVanished(Deque<Placement> placements, int live, long nowMs) {
        long due = placements.stream().filter(p -> nowMs - p.placedMs() >= DIRECTORY_GRACE_MS).count();
        Iterator<Placement> oldestFirst = placements.iterator();
        while (due > live && oldestFirst.hasNext()) {
            if (nowMs - oldestFirst.next().placedMs() >= DIRECTORY_GRACE_MS) {
                oldestFirst.remove();
                due--;
            }
        }
    }

    /** Runnable processes placed on the node that its last load1 does not show. */
    double pendingLoad(NodeInfo node) {
        return placements(node).stream().mapToDouble(p -> unshownShare(p, node)).sum();
    }

    /** Memory promised to placements on the node that its last free-memory reading does not show. */
    long promisedMemBytes(NodeInfo node) {
        return placements(node).stream().filter(p -> node.getLastHeartbeatMs() - p.readingMs() < MEMORY_SETTLE_MS)
                .mapToLong(Placement::memBytes).sum();
    }

    private Deque<Placement> placements(NodeInfo node) {
        return byNode.getOrDefault(node.getNodeId(), new ArrayDeque<>());
    }

    /**
     * The share of one placed process that load1 does not show yet: all of it until the node's next reading, then
     * e^(-t / 60 s) after t of the node's own time. Counts every placement as CPU-bound; one that sleeps fades
     * out all the same.
     */
    private static double unshownShare(Placement placement, NodeInfo node) {
        long seen = Math.max(0, node.getLastHeartbeatMs() - placement.readingMs());
        return Math.exp(-seen / LOAD1_TIME_CONSTANT_MS);
    }
}
