package org.linuxssi.node.scheduler;

import java.util.List;

/**
 * Fills the lowest node ids first, so that the others stay idle (or can be powered down): the lowest-id node with a
 * free CPU (load per CPU below 1.0, counting placements not yet shown); when every CPU is busy, the least loaded.
 */
final class PackPolicy implements PlacementPolicy {

    static final String NAME = "pack";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CandidateNode choose(List<CandidateNode> candidates) {
        return candidates.stream().filter(c -> c.loadPerCpu() < 1.0).findFirst()
                .orElseGet(() -> candidates.stream().min(LeastLoadedPolicy.LEAST_LOADED_FIRST).orElseThrow());
    }
}
