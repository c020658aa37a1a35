package org.linuxssi.node.scheduler;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.linuxssi.api.v1.PlacementRequest;

/** Keeps the nodes the request allows; a request that names none allows every node. */
final class AllowedNodesFilter implements NodeFilter {

    @Override
    public List<CandidateNode> apply(List<CandidateNode> candidates, PlacementRequest request)
            throws PlacementException {
        if (request.getAllowedNodesCount() == 0) {
            return candidates;
        }
        Set<Integer> allowed = new TreeSet<>(request.getAllowedNodesList());
        List<CandidateNode> kept = candidates.stream().filter(c -> allowed.contains(c.nodeId())).toList();
        if (kept.isEmpty()) {
            throw new PlacementException("none of the allowed nodes (" + NodeFilter.ids(List.copyOf(allowed))
                    + ") is online (online: " + NodeFilter.ids(candidates.stream().map(CandidateNode::nodeId).toList())
                    + ")");
        }
        return kept;
    }
}
