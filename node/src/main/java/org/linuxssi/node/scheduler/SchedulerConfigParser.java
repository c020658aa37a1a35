package org.linuxssi.node.scheduler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.linuxssi.node.config.ConfigException;
import org.linuxssi.node.config.KeyValueFile;

/**
 * Reads scheduler.conf as node.conf is read: {@code key = value} lines, {@code #} comments, and every problem one
 * line naming the file, the line, the key, the value and what is allowed.
 */
final class SchedulerConfigParser {

    /** The keys scheduler.conf understands, documented in dist's scheduler.conf. */
    static final Set<String> KEYS = Set.of("policy");

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
        return new SchedulerConfig(policy(file.values().get("policy"), file.where("policy")));
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
