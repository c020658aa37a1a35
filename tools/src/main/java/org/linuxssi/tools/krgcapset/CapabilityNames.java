package org.linuxssi.tools.krgcapset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kerrighed's capability names and numbers, parsing of {@code [+|-]CAP[,CAP...]} and numeric values,
 * and the {@code -s} listing. LinuxSSI implements four of them; the others are recognised and
 * reported as not supported.
 */
public final class CapabilityNames {

    /** Kerrighed's names, bit i = name i. */
    static final List<String> NAMES = List.of("CHANGE_KERRIGHED_CAP", "CAN_MIGRATE", "DISTANT_FORK", "FORK_DELAY",
            "CHECKPOINTABLE", "USE_REMOTE_MEMORY", "USE_INTRA_CLUSTER_KERSTREAMS", "USE_INTER_CLUSTER_KERSTREAMS",
            "USE_WORLD_VISIBLE_KERSTREAMS", "SEE_LOCAL_PROC_STAT", "DEBUG", "SYSCALL_EXIT_HOOK");
    /** CHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK, CHECKPOINTABLE. */
    public static final int SUPPORTED = 0b10111;
    public static final int CHANGE_KERRIGHED_CAP = 1;

    private CapabilityNames() {
    }

    /** A value for one set: the new set, and warnings about names LinuxSSI does not implement. */
    record Parsed(int value, List<String> warnings) {
    }

    /**
     * {@code OCTAL} (0-prefixed), hexadecimal (0x) or decimal sets the value; {@code +LIST} adds,
     * {@code -LIST} removes, a bare {@code LIST} replaces. Names are matched by unique prefix, in any case.
     *
     * @throws IllegalArgumentException with the message to show, naming the value
     */
    static Parsed apply(String text, int current) {
        if (text.matches("0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*")) {
            long value;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                value = Long.parseLong(text.substring(2), 16);
            } else if (text.startsWith("0")) {
                value = Long.parseLong(text, 8);
            } else {
                value = Long.parseLong(text);
            }
            if (value >= 1L << NAMES.size()) {
                throw new IllegalArgumentException("capability value '" + text + "' is too large (at most 0"
                        + Integer.toOctalString((1 << NAMES.size()) - 1) + ")");
            }
            List<String> warnings = unsupportedWarnings((int) value);
            return new Parsed((int) value & SUPPORTED, warnings);
        }
        char mode = text.isEmpty() ? ' ' : text.charAt(0);
        String list = mode == '+' || mode == '-' ? text.substring(1) : text;
        int named = 0;
        List<String> warnings = new ArrayList<>();
        for (String token : list.split(",", -1)) {
            int bit = bit(token);
            if ((SUPPORTED & (1 << bit)) == 0) {
                warnings.add(NAMES.get(bit) + " is not supported by LinuxSSI (ignored)");
            } else {
                named |= 1 << bit;
            }
        }
        return new Parsed(switch (mode) {
            case '+' -> current | named;
            case '-' -> current & ~named;
            default -> named;
        }, warnings);
    }

    private static List<String> unsupportedWarnings(int value) {
        List<String> warnings = new ArrayList<>();
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if ((value & (1 << bit)) != 0 && (SUPPORTED & (1 << bit)) == 0) {
                warnings.add(NAMES.get(bit) + " is not supported by LinuxSSI (ignored)");
            }
        }
        return warnings;
    }

    private static int bit(String token) {
        String wanted = token.trim().toUpperCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("empty capability name (allowed: " + String.join(", ",
                    supportedNames()) + ", or an octal value such as 03)");
        }
        List<Integer> matches = new ArrayList<>();
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if (NAMES.get(bit).equals(wanted)) {
                return bit;
            }
            if (NAMES.get(bit).startsWith(wanted)) {
                matches.add(bit);
            }
        }
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("unrecognized capability '" + token + "' (allowed: "
                    + String.join(", ", supportedNames()) + ", or an octal value such as 03)");
        }
        throw new IllegalArgumentException("capability '" + token + "' is ambiguous: it begins "
                + String.join(", ", matches.stream().map(NAMES::get).toList()));
    }

    static List<String> supportedNames() {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if ((SUPPORTED & (1 << bit)) != 0) {
                names.add(NAMES.get(bit));
            }
        }
        return names;
    }

    /** Kerrighed's listing of one set: a tab, then the names separated by ", ", lines kept under 80 columns. */
    static String list(int value) {
        StringBuilder out = new StringBuilder();
        int column = 8;
        for (int bit = 0; bit < NAMES.size(); bit++) {
            if ((value & (1 << bit)) == 0) {
                continue;
            }
            String name = NAMES.get(bit);
            if (column == 8) {
                out.append('\t');
            } else if (column + name.length() + 2 < 80) {
                out.append(", ");
                column += 2;
            } else {
                out.append("\n\t");
                column = 8;
            }
            out.append(name);
            column += name.length();
        }
        return out.toString();
    }
}
