package org.linuxssi.node.agent;

/**
 * Global PIDs: {@code node_id × 10,000,000 + local pid}, so process 4242 on node 17 is 170004242.
 * Linux pids stay below 2^22 (4,194,304), well under the factor.
 */
public final class GlobalPid {

    public static final long NODE_FACTOR = 10_000_000L;

    private GlobalPid() {
    }

    public static long of(int nodeId, long localPid) {
        if (localPid <= 0 || localPid >= NODE_FACTOR) {
            throw new IllegalArgumentException("pid " + localPid + " does not fit a global PID");
        }
        return nodeId * NODE_FACTOR + localPid;
    }

    /** The node the process was born on. */
    public static int nodeOf(long gpid) {
        return (int) (gpid / NODE_FACTOR);
    }

    public static long localPidOf(long gpid) {
        return gpid % NODE_FACTOR;
    }
}
