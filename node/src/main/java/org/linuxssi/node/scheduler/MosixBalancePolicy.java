package org.linuxssi.node.scheduler;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The balancer's policy, after Kerrighed's mosix_load_balancer: the busiest node (load per CPU) gives its most
 * CPU-hungry movable process to the least loaded node, when its load per CPU exceeds that node's by more than
 * the stability margin and the move narrows the gap (so two nodes never swap one process back and forth).
 */
final class MosixBalancePolicy {

    /** Most CPU first; equal CPU (within this) goes to the one that has run longest. */
    private static final double CPU_TIE = 0.05;

    private static final Comparator<LoadedProcess> HUNGRIEST_FIRST = (a, b) -> {
        if (Math.abs(a.cpu() - b.cpu()) > CPU_TIE) {
            return Double.compare(b.cpu(), a.cpu());
        }
        int older = Long.compare(a.startMs(), b.startMs());
        return older != 0 ? older : Long.compare(a.gpid(), b.gpid());
    };

    private final double margin;

    MosixBalancePolicy(double margin) {
        this.margin = margin;
    }

    /**
     * Looks at the nodes from the busiest down; the first that has a movable process and a node to give it to
     * decides. Ties go to the lowest node id, busiest and least loaded alike.
     */
    Optional<BalanceMove> choose(List<NodeLoad> nodes, Predicate<LoadedProcess> movable) {
        List<NodeLoad> busiestFirst = nodes.stream()
                .sorted(Comparator.comparingDouble(NodeLoad::loadPerCpu).reversed()
                        .thenComparingInt(NodeLoad::nodeId))
                .toList();
        for (NodeLoad from : busiestFirst) {
            Optional<NodeLoad> to = nodes.stream().filter(n -> n.nodeId() != from.nodeId())
                    .min(Comparator.comparingDouble(NodeLoad::loadPerCpu).thenComparingInt(NodeLoad::nodeId));
            if (to.isEmpty() || !worthMoving(from, to.get())) {
                continue;
            }
            Optional<LoadedProcess> process = from.runnable().stream().filter(movable).min(HUNGRIEST_FIRST);
            if (process.isPresent()) {
                return Optional.of(new BalanceMove(process.get(), from, to.get()));
            }
        }
        return Optional.empty();
    }

    /** The gap exceeds the margin, and after moving one process it is smaller than before. */
    private boolean worthMoving(NodeLoad from, NodeLoad to) {
        double gap = from.loadPerCpu() - to.loadPerCpu();
        double after = from.perCpu(from.load() - 1) - to.perCpu(to.load() + 1);
        return gap > margin && Math.abs(after) < gap;
    }
}
