package org.linuxssi.tools;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A set of node ids in Kerrighed's notation: item(,item)*, each item ID or ID-ID, e.g. 2,3,6-10,42-45. */
public record NodeList(List<Integer> ids) {

    public static final int MIN_ID = 1;
    public static final int MAX_ID = 4094;

    private static final Pattern ITEM = Pattern.compile("(\\d+)(?:-(\\d+))?");
    private static final String FORM = "expected item(,item)* where an item is ID or ID-ID, ids "
            + MIN_ID + "-" + MAX_ID + ", e.g. 2,3,6-10,42-45";

    public NodeList {
        ids = List.copyOf(ids);
    }

    /**
     * Parses a node list; the ids come out sorted and without repeats.
     *
     * @throws IllegalArgumentException naming the bad item and the allowed form
     */
    public static NodeList parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty node list (" + FORM + ")");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        // -1 keeps trailing empty items, so that "1," is refused instead of read as "1".
        for (String item : text.split(",", -1)) {
            Matcher matcher = ITEM.matcher(item);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(
                        (item.isEmpty() ? "empty item" : "'" + item + "'") + " in node list '" + text + "' ("
                                + FORM + ")");
            }
            int first = id(matcher.group(1), text);
            int last = matcher.group(2) == null ? first : id(matcher.group(2), text);
            if (last < first) {
                throw new IllegalArgumentException("range '" + item + "' in node list '" + text
                        + "' ends before it starts (write the lower id first, e.g. " + last + "-" + first + ")");
            }
            for (int id = first; id <= last; id++) {
                ids.add(id);
            }
        }
        return new NodeList(List.copyOf(ids));
    }

    /** Kerrighed's way of printing a node set: [1,2,5]. */
    public static String bracketed(Collection<Integer> ids) {
        return ids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    public boolean contains(int id) {
        return ids.contains(id);
    }

    private static int id(String digits, String text) {
        // Ten digits or more cannot be an id, and parsing them could overflow an int.
        int id = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (id < MIN_ID || id > MAX_ID) {
            throw new IllegalArgumentException("node id " + digits + " in node list '" + text
                    + "' is out of range (ids are " + MIN_ID + "-" + MAX_ID + ")");
        }
        return id;
    }

    /** Lets picocli report a bad list as a usage error. */
    public static final class Converter implements ITypeConverter<NodeList> {
        @Override
        public NodeList convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
