package org.linuxssi.node.scheduler;

import java.util.List;

/** The policy stage: picks one node among those every filter kept. */
interface PlacementPolicy {

    /** The name users give in scheduler.conf and krgadm scheduler set. */
    String name();

    /**
     * @param candidates not empty, in node id order, each with the load of placements not yet shown
     */
    CandidateNode choose(List<CandidateNode> candidates);
}
