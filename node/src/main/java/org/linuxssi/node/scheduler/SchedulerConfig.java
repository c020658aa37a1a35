package org.linuxssi.node.scheduler;

import java.nio.file.Path;
import org.linuxssi.node.config.ConfigException;

/** The scheduler's settings from /etc/linuxssi/scheduler.conf; every key has a default. */
public final class SchedulerConfig {

    public static final String DEFAULT_POLICY = LeastLoadedPolicy.NAME;

    private final String defaultPolicy;
    private final BalancerConfig balancer;

    SchedulerConfig(String defaultPolicy, BalancerConfig balancer) {
        this.defaultPolicy = defaultPolicy;
        this.balancer = balancer;
    }

    public static SchedulerConfig defaults() {
        return new SchedulerConfig(DEFAULT_POLICY, BalancerConfig.defaults());
    }

    /** Reads scheduler.conf; a missing file means every default, as every key has one. */
    public static SchedulerConfig read(Path file) throws ConfigException {
        return SchedulerConfigParser.read(file);
    }

    /** Parses scheduler.conf's text; source names it in messages (file name, or where the text came from). */
    public static SchedulerConfig parse(String text, String source) throws ConfigException {
        return SchedulerConfigParser.parse(text, source);
    }

    /** The policy in force until 'krgadm scheduler set' replaces it in the replicated state. */
    public String defaultPolicy() {
        return defaultPolicy;
    }

    /** The load balancer's thresholds, and whether it runs until 'krgadm scheduler set balancer' decides. */
    public BalancerConfig balancer() {
        return balancer;
    }
}
