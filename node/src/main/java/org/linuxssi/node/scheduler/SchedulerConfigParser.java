package org.linuxssi.node.scheduler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.linuxssi.node.config.ConfigException;

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
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        String[] rows = text.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            int eq = row.indexOf('=');
            if (eq < 0) {
                throw new ConfigException(where + ": '" + row + "' is not a 'key = value' line");
            }
            String key = row.substring(0, eq).strip();
            if (!KEYS.contains(key)) {
                throw new ConfigException(where + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
            Integer first = lines.putIfAbsent(key, i + 1);
            if (first != null) {
                throw new ConfigException(where + ": " + key + " is set twice (first on line " + first + ")");
            }
            values.put(key, row.substring(eq + 1).strip());
        }
        return new SchedulerConfig(policy(values.get("policy"), source + ":" + lines.get("policy")));
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
