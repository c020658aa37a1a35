package org.linuxssi.node.scheduler;

import java.time.Duration;

/**
 * The load balancer's settings from scheduler.conf (the keys share these names with a {@code balancer_} prefix).
 *
 * @param on              whether the balancer runs while 'krgadm scheduler set balancer' has not said otherwise
 * @param interval        how often the leader compares the nodes' loads
 * @param margin          the stability margin: how much more load per CPU the busiest node must have than the
 *                        least loaded one before a process moves
 * @param minInterval     the least time between two migrations the balancer starts, cluster-wide
 * @param processInterval the least time before the balancer moves one process again, or retries one whose
 *                        migration failed
 */
public record BalancerConfig(boolean on, Duration interval, double margin, Duration minInterval,
        Duration processInterval) {

    public static final boolean DEFAULT_ON = false;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final double DEFAULT_MARGIN = 0.5;
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(3);
    public static final Duration DEFAULT_PROCESS_INTERVAL = Duration.ofSeconds(60);
    /** Margins are load per CPU: below this the balancer would chase noise, above it it would never act. */
    static final double MIN_MARGIN = 0.05;
    static final double MAX_MARGIN = 10;

    public static BalancerConfig defaults() {
        return new BalancerConfig(DEFAULT_ON, DEFAULT_INTERVAL, DEFAULT_MARGIN, DEFAULT_MIN_INTERVAL,
                DEFAULT_PROCESS_INTERVAL);
    }
}
