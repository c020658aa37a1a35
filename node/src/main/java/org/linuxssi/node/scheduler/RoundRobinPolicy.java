package org.linuxssi.node.scheduler;

import java.util.List;

/**
 * Kerrighed's ring: each placement takes the next node id after the previous placement's, wrapping to the lowest.
 * Nodes that left are simply not on the ring; the previous id is remembered even if its node left.
 */
final class RoundRobinPolicy implements PlacementPolicy {

    static final String NAME = "round_robin";

    /** 0 is below every node id, so the first placement goes to the lowest one. */
    private int previous;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CandidateNode choose(List<CandidateNode> candidates) {
        CandidateNode next = candidates.stream().filter(c -> c.nodeId() > previous).findFirst()
                .orElse(candidates.get(0));
        previous = next.nodeId();
        return next;
    }
}
