package org.linuxssi.node.scheduler;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.linuxssi.api.v1.PlacementRequest;

/**
 * Keeps the nodes with the memory the request asks for, free now and not yet promised to processes placed there
 * a moment ago; a request for 0 bytes asks for nothing.
 */
final class MemoryFilter implements NodeFilter {

    @Override
    public List<CandidateNode> apply(List<CandidateNode> candidates, PlacementRequest request)
            throws PlacementException {
        long wanted = request.getMemBytes();
        if (wanted == 0) {
            return candidates;
        }
        List<CandidateNode> fitting = candidates.stream().filter(c -> c.memAvailableBytes() >= wanted).toList();
        if (fitting.isEmpty()) {
            throw new PlacementException(tooBig(candidates, request));
        }
        return fitting;
    }

    private static String tooBig(List<CandidateNode> candidates, PlacementRequest request) {
        CandidateNode most = candidates.stream()
                .max(Comparator.comparingLong(CandidateNode::memAvailableBytes)
                        .thenComparing(Comparator.comparingInt(CandidateNode::nodeId).reversed()))
                .orElseThrow();
        String which = request.getAllowedNodesCount() == 0 ? "no online node" : "no allowed online node";
        String promised = most.promisedMemBytes() == 0 ? ""
                : ", " + bytes(most.promisedMemBytes()) + " more promised to processes starting there";
        return which + " has " + bytes(request.getMemBytes()) + " free (most: node " + most.nodeId() + " with "
                + bytes(most.memAvailableBytes()) + promised + ")";
    }

    /** One decimal in the largest binary unit that keeps the number at 1 or more, like free -h. */
    static String bytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
