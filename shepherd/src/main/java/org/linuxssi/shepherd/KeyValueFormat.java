package org.linuxssi.shepherd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The line format of the shepherd's spec and state files: one {@code key=value} per line, the value
 * escaped C-style ({@code \\ \n \r \t \xHH}) so that any text without NUL survives a round trip.
 * The C side is {@code src/main/c/kv.c}; both must change together.
 */
public final class KeyValueFormat {

    private KeyValueFormat() {
    }

    /** Returns {@code value} with backslash, control characters and DEL escaped; NUL is refused. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> throw new IllegalArgumentException(
                        "NUL at index " + i + " cannot be passed to a program (argv, environment and paths end at NUL)");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Decodes the escapes of {@code value}; bytes given as {@code \xHH} are read as UTF-8. */
    public static String unescape(String value) {
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '\\') {
                out.write(in[i]);
                continue;
            }
            if (++i == in.length) {
                throw new IllegalArgumentException("value ends with a lone backslash: " + value);
            }
            switch (in[i]) {
                case '\\' -> out.write('\\');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'x' -> {
                    int hi = i + 1 < in.length ? Character.digit(in[i + 1], 16) : -1;
                    int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
                    if (hi < 0 || lo < 0 || (hi | lo) == 0) {
                        throw new IllegalArgumentException("\\x needs two hex digits, not 00: " + value);
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                }
                default -> throw new IllegalArgumentException(
                        "unknown escape \\" + (char) in[i] + " (allowed: \\\\ \\n \\r \\t \\xHH): " + value);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Returns the line {@code key=escaped value} with its newline. */
    public static String line(String key, String value) {
        return key + "=" + escape(value) + "\n";
    }

    /** Splits text into unescaped entries in file order; blank lines and {@code #} comments are skipped. */
    public static List<Map.Entry<String, String>> parse(String text) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + (n + 1) + " is not key=value: " + line);
            }
            entries.add(Map.entry(line.substring(0, eq), unescape(line.substring(eq + 1))));
        }
        return entries;
    }
}
