package org.linuxssi.node.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PlacementRequest;

/** Keeps the online nodes: present nodes are not admitted yet and down nodes do not answer. */
final class OnlineFilter implements NodeFilter {

    @Override
    public List<CandidateNode> apply(List<CandidateNode> candidates, PlacementRequest request)
            throws PlacementException {
        List<CandidateNode> online = candidates.stream().filter(c -> c.state() == NodeState.ONLINE).toList();
        if (online.isEmpty()) {
            throw new PlacementException("no online node to run on" + others(candidates));
        }
        return online;
    }

    /** Names the nodes that exist but cannot take work, so the user knows whether to admit or to wait. */
    private static String others(List<CandidateNode> candidates) {
        List<String> parts = new ArrayList<>();
        List<Integer> present = ids(candidates, NodeState.PRESENT);
        if (!present.isEmpty()) {
            parts.add("not admitted: " + NodeFilter.ids(present) + ", 'krgadm nodes add' admits them");
        }
        List<Integer> down = ids(candidates, NodeState.DOWN);
        if (!down.isEmpty()) {
            parts.add("down: " + NodeFilter.ids(down));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private static List<Integer> ids(List<CandidateNode> candidates, NodeState state) {
        return candidates.stream().filter(c -> c.state() == state).map(CandidateNode::nodeId).toList();
    }
}
