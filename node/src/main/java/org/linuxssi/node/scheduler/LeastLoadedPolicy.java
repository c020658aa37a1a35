package org.linuxssi.node.scheduler;

import java.util.Comparator;
import java.util.List;

/**
 * MOSIX-like: the node with the lowest load per CPU, counting processes placed there that its load average does
 * not show yet; ties go to the lowest node id so that the same state always gives the same answer.
 */
final class LeastLoadedPolicy implements PlacementPolicy {

    static final String NAME = "least_loaded";

    static final Comparator<CandidateNode> LEAST_LOADED_FIRST =
            Comparator.comparingDouble(CandidateNode::loadPerCpu).thenComparingInt(CandidateNode::nodeId);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CandidateNode choose(List<CandidateNode> candidates) {
        return candidates.stream().min(LEAST_LOADED_FIRST).orElseThrow();
    }
}
