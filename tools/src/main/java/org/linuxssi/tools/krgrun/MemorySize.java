package org.linuxssi.tools.krgrun;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** krgrun --mem: bytes, or a number with K, M, G or T (powers of 1024), e.g. 512M. */
public final class MemorySize {

    static final String FORMS = "expected bytes or a size with K, M, G or T, e.g. 1048576, 1024K, 512M, 2G";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})([KMGT]?)");

    private MemorySize() {
    }

    /**
     * The size in bytes.
     *
     * @throws IllegalArgumentException naming the value and the allowed forms
     */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size (" + FORMS + ")");
        }
        int shift = switch (matcher.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        try {
            long number = Long.parseLong(matcher.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large for a memory size (" + FORMS + ")");
        }
    }

    /** Lets picocli report a bad size as a usage error. */
    public static final class Converter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
