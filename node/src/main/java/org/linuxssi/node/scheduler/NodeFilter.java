package org.linuxssi.node.scheduler;

import java.util.List;
import java.util.stream.Collectors;
import org.linuxssi.api.v1.PlacementRequest;

/** A filter stage: drops the nodes a process cannot run on, and says why when it drops them all. */
interface NodeFilter {

    /**
     * @param candidates not empty, in node id order
     * @return the candidates that pass, in the same order; never empty
     * @throws PlacementException when none passes, with the reason a user reads
     */
    List<CandidateNode> apply(List<CandidateNode> candidates, PlacementRequest request) throws PlacementException;

    /** Kerrighed's node list syntax, as krgadm prints and reads it: 1,2,5. */
    static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
