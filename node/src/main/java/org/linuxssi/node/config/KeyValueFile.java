package org.linuxssi.node.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The lines of a LinuxSSI configuration file: {@code key = value}, {@code #} comments,
 * each key once and known. Problems are one line naming the file and line.
 */
public final class KeyValueFile {

    private final String source;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private KeyValueFile(String source, Map<String, String> values, Map<String, Integer> lines) {
        this.source = source;
        this.values = values;
        this.lines = lines;
    }

    /**
     * @param text   the file's text
     * @param source its name in messages (a path, or where the text came from)
     * @param keys   every key the file may set
     */
    public static KeyValueFile parse(String text, String source, Set<String> keys) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
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
            if (!keys.contains(key)) {
                throw new ConfigException(where + ": unknown key '" + key + "' (known keys: "
                        + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
            Integer first = lines.putIfAbsent(key, i + 1);
            if (first != null) {
                throw new ConfigException(where + ": " + key + " is set twice (first on line " + first + ")");
            }
            values.put(key, row.substring(eq + 1).strip());
        }
        return new KeyValueFile(source, Collections.unmodifiableMap(values), Collections.unmodifiableMap(lines));
    }

    /** Every key that is set, with its value as written (possibly empty). */
    public Map<String, String> values() {
        return values;
    }

    /** "file:line" of a key, or the file alone when the key is not set. */
    public String where(String key) {
        Integer line = lines.get(key);
        return line == null ? source : source + ":" + line;
    }

    public String source() {
        return source;
    }
}
