package org.linuxssi.node.scheduler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linuxssi.node.config.ConfigException;
import org.linuxssi.node.config.KeyValueFile;

/**
 * Reads scheduler.conf as node.conf is read: {@code key = value} lines, {@code #} comments, and every problem one
 * line naming the file, the line, the key, the value and what is allowed.
 */
final class SchedulerConfigParser {

    /** The keys scheduler.conf understands, documented in dist's scheduler.conf. */
    static final Set<String> KEYS = Set.of("policy", "balancer", "balancer_interval", "balancer_margin",
            "balancer_min_interval", "balancer_process_interval");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)?");

    private SchedulerConfigParser() {
    }

    static SchedulerConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return SchedulerConfig.defaults();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    static SchedulerConfig parse(String text, String source) throws ConfigException {
        KeyValueFile file = KeyValueFile.parse(text, source, KEYS);
        BalancerConfig balancer = new BalancerConfig(
                onOff(file, "balancer", BalancerConfig.DEFAULT_ON),
                duration(file, "balancer_interval", BalancerConfig.DEFAULT_INTERVAL),
                margin(file, "balancer_margin"),
                duration(file, "balancer_min_interval", BalancerConfig.DEFAULT_MIN_INTERVAL),
                duration(file, "balancer_process_interval", BalancerConfig.DEFAULT_PROCESS_INTERVAL));
        return new SchedulerConfig(policy(file.values().get("policy"), file.where("policy")), balancer);
    }

    private static boolean onOff(KeyValueFile file, String key, boolean fallback) throws ConfigException {
        String value = file.values().get(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new ConfigException(file.where(key) + ": " + key + " = " + value
                    + " is not allowed (allowed: on, off)");
        };
    }

    private static Duration duration(KeyValueFile file, String key, Duration fallback) throws ConfigException {
        String value = file.values().get(key);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches() || m.group(1).length() > 9 || Long.parseLong(m.group(1)) == 0) {
            throw new ConfigException(file.where(key) + ": " + key + " = " + value
                    + " is not a duration (e.g. 5s or 500ms, more than 0)");
        }
        long amount = Long.parseLong(m.group(1));
        return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    private static double margin(KeyValueFile file, String key) throws ConfigException {
        String value = file.values().get(key);
        if (value == null || value.isEmpty()) {
            return BalancerConfig.DEFAULT_MARGIN;
        }
        double margin;
        try {
            margin = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            margin = Double.NaN;
        }
        if (!(margin >= BalancerConfig.MIN_MARGIN && margin <= BalancerConfig.MAX_MARGIN)) {
            throw new ConfigException(file.where(key) + ": " + key + " = " + value + " is not allowed (a load per "
                    + "CPU from " + BalancerConfig.MIN_MARGIN + " to " + (int) BalancerConfig.MAX_MARGIN + ", e.g. 0.5)");
        }
        return margin;
    }

    /** As in node.conf, a key without a value keeps its default. */
    private static String policy(String value, String where) throws ConfigException {
        if (value == null || value.isEmpty()) {
            return SchedulerConfig.DEFAULT_POLICY;
        }
        if (!Scheduler.policies().contains(value)) {
            throw new ConfigException(where + ": " + Scheduler.unknownPolicy(value));
        }
        return value;
    }
}
