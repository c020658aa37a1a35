package org.linuxssi.node.scheduler;

import org.linuxssi.api.v1.NodeState;

/**
 * What the scheduler knows of one node when it places a process: the node's last heartbeat, its LinuxSSI
 * processes in the process directory, and what the placement ledger adds that neither shows yet.
 *
 * @param readingMs        the node's last_heartbeat_ms: when load1 and memFreeBytes were read (node clock)
 * @param processes        live LinuxSSI processes on the node, from the process directory
 * @param pendingLoad      runnable processes placed here that load1 does not show yet
 * @param promisedMemBytes memory promised to placements here that memFreeBytes does not show yet
 */
record CandidateNode(int nodeId, String address, NodeState state, int cpus, double load1, long memFreeBytes,
        long readingMs, int processes, double pendingLoad, long promisedMemBytes) {

    /** The runnable estimate: the node table has no run-queue length, so load1 stands for it. */
    double load() {
        return load1 + pendingLoad;
    }

    /** MOSIX's yardstick; a node that has not reported its CPUs yet counts as one CPU. */
    double loadPerCpu() {
        return load() / Math.max(1, cpus);
    }

    long memAvailableBytes() {
        return Math.max(0, memFreeBytes - promisedMemBytes);
    }
}
