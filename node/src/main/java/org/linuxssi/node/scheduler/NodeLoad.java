package org.linuxssi.node.scheduler;

import java.util.List;

/**
 * What the balancer knows of one online node: its CPUs, whether it can checkpoint, the LinuxSSI processes its
 * last reading found runnable there, and the processes the balancer just moved there that no reading shows yet.
 *
 * @param criu     the node's checkpoint/restart summary ("criu 4.1.1" when usable)
 * @param runnable runnable processes the node reported and the process directory still places there
 * @param arriving processes moved here by the balancer that the node's readings do not show yet
 */
record NodeLoad(int nodeId, int cpus, String criu, List<LoadedProcess> runnable, int arriving) {

    /** Runnable LinuxSSI processes, counting the ones on their way here. */
    int load() {
        return runnable.size() + arriving;
    }

    /** MOSIX's yardstick; a node that has not reported its CPUs yet counts as one CPU. */
    double loadPerCpu() {
        return perCpu(load());
    }

    double perCpu(int load) {
        return load / (double) Math.max(1, cpus);
    }
}
