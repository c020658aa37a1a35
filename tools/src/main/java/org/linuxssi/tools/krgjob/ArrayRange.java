package org.linuxssi.tools.krgjob;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --array A-B[:S]}: one job per index A, A+S, ... up to B; DRMAA's bulk job. */
record ArrayRange(int start, int end, int step) {

    static final class Converter implements ITypeConverter<ArrayRange> {
        @Override
        public ArrayRange convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})-(\\d{1,9})(?::(\\d{1,9}))?")
                    .matcher(value);
            if (m.matches()) {
                int start = Integer.parseInt(m.group(1));
                int end = Integer.parseInt(m.group(2));
                int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                if (start >= 1 && end >= start && step >= 1) {
                    return new ArrayRange(start, end, step);
                }
            }
            throw new TypeConversionException("'" + value + "' is not an array range (expected A-B or A-B:S with "
                    + "1 <= A <= B and S >= 1, e.g. 1-100:2)");
        }
    }
}
