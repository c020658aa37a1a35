package org.linuxssi.node.scheduler;

/**
 * A process filter stage of the balancer: whether a runnable process may move now. Processes a filter refuses
 * still count as their node's load.
 */
interface MoveFilter {

    boolean allows(LoadedProcess process, long nowMs);
}
