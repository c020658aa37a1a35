package org.linuxssi.drmaa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ggf.drmaa.InvalidAttributeFormatException;

/**
 * LinuxSSI's native specification: placement options as krgrun has them. {@code -n NODE} runs the
 * job on that node, {@code --mem SIZE} asks for memory ({@code 512M}, {@code 2G}; bytes without a
 * suffix), {@code --policy NAME} picks the placement policy, {@code --rerunnable} requeues the job
 * when its node is lost instead of failing it. Anything else is refused by name.
 */
public record NativeSpecification(int nodeId, long memBytes, String policy, boolean rerunnable) {

    public static final String ALLOWED = "-n NODE, --mem SIZE, --policy NAME, --rerunnable";

    public static NativeSpecification parse(String text) throws InvalidAttributeFormatException {
        int node = 0;
        long mem = 0;
        String policy = "";
        boolean rerunnable = false;
        List<String> words = new ArrayList<>(text == null ? List.of() : List.of(text.trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-n", "--node" -> node = nodeId(value(words, ++i, word));
                case "--mem" -> mem = memory(value(words, ++i, word));
                case "--policy" -> policy = value(words, ++i, word);
                case "--rerunnable" -> rerunnable = true;
                default -> throw new InvalidAttributeFormatException("nativeSpecification: unknown option '" + word
                        + "' (allowed: " + ALLOWED + ")");
            }
        }
        return new NativeSpecification(node, mem, policy, rerunnable);
    }

    private static String value(List<String> words, int i, String option) throws InvalidAttributeFormatException {
        if (i >= words.size()) {
            throw new InvalidAttributeFormatException("nativeSpecification: " + option + " needs a value");
        }
        return words.get(i);
    }

    private static int nodeId(String text) throws InvalidAttributeFormatException {
        try {
            int id = Integer.parseInt(text);
            if (id >= 1 && id <= 4094) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new InvalidAttributeFormatException("nativeSpecification: -n '" + text
                + "' is not a node id (allowed: 1 to 4094)");
    }

    static long memory(String text) throws InvalidAttributeFormatException {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G") || t.endsWith("T")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                default -> 1L << 40;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long value = Long.parseLong(t);
            if (value > 0 && value <= Long.MAX_VALUE / unit) {
                return value * unit;
            }
        } catch (NumberFormatException e) {
            // the message below says what is allowed
        }
        throw new InvalidAttributeFormatException("nativeSpecification: --mem '" + text
                + "' is not a size (allowed: a positive number with an optional K, M, G or T suffix)");
    }
}
