package org.ggf.drmaa;

import java.text.FieldPosition;
import java.text.Format;
import java.text.ParseException;
import java.text.ParsePosition;
import java.util.Objects;

/**
 * Converts a {@link PartialTimestamp} to and from the DRMAA time string
 * {@code [[[[CC]YY/]MM/]DD] hh:mm[:ss] [{-|+}UU:uu]}.
 *
 * <p>Examples: {@code 10:30}, {@code 10:30:15 +01:00}, {@code 24 06:00},
 * {@code 12/24 18:00}, {@code 25/12/24 18:00}, {@code 2025/12/24 18:00:00 -05:00}.
 * Fields map to CENTURY ({@code CC}), YEAR ({@code YY}), MONTH ({@code MM},
 * 01 for January), DAY_OF_MONTH, HOUR_OF_DAY, MINUTE, SECOND and ZONE_OFFSET
 * ({@code UU:uu}, hours and minutes east of UTC). A string has no gaps: a set
 * field implies every smaller date field and the hour and minute. Modifiers are
 * not part of the string.</p>
 *
 * <pre>
 * PartialTimestamp date = new PartialTimestamp();
 * date.set(PartialTimestamp.HOUR_OF_DAY, 11);
 * date.set(PartialTimestamp.MINUTE, 30);
 * String text = new PartialTimestampFormat().format(date);       // "11:30"
 * PartialTimestamp again = new PartialTimestampFormat().parse(text);
 * </pre>
 */
public class PartialTimestampFormat extends Format {
    private static final long serialVersionUID = 1L;

    private static final String SYNTAX = "[[[[CC]YY/]MM/]DD] hh:mm[:ss] [{-|+}UU:uu]";
    private static final int MINUTE_MILLIS = 60_000;
    private static final int HOUR_MILLIS = 60 * MINUTE_MILLIS;

    /** Creates a format; it holds no state, so one instance may be shared. */
    public PartialTimestampFormat() {
    }

    /**
     * Returns a copy of this format.
     * @return the copy
     */
    @Override
    public Object clone() {
        return super.clone();
    }

    /**
     * Appends the DRMAA time string of a PartialTimestamp; the field position is
     * not used.
     * @param obj the PartialTimestamp to format
     * @param stringBuffer where to append the string
     * @param fieldPosition ignored, but must not be null
     * @return stringBuffer
     * @throws IllegalArgumentException if obj is not a PartialTimestamp or cannot be written
     */
    @Override
    public StringBuffer format(Object obj, StringBuffer stringBuffer, FieldPosition fieldPosition) {
        if (!(obj instanceof PartialTimestamp timestamp)) {
            throw new IllegalArgumentException("PartialTimestampFormat formats only PartialTimestamp, not "
                    + (obj == null ? "null" : obj.getClass().getName()));
        }
        return format(timestamp, stringBuffer, fieldPosition);
    }

    /**
     * Appends the DRMAA time string of a PartialTimestamp; the field position is
     * not used.
     * @param obj the timestamp
     * @param stringBuffer where to append the string
     * @param fieldPosition ignored, but must not be null
     * @return stringBuffer
     * @throws IllegalArgumentException if HOUR_OF_DAY or MINUTE is unset, a date
     *     field is set while a smaller one is not, or a value is out of range
     */
    public StringBuffer format(PartialTimestamp obj, StringBuffer stringBuffer, FieldPosition fieldPosition) {
        Objects.requireNonNull(stringBuffer, "stringBuffer");
        Objects.requireNonNull(fieldPosition, "fieldPosition");
        return stringBuffer.append(toText(obj));
    }

    /**
     * Returns the DRMAA time string of a PartialTimestamp.
     * @param obj the timestamp
     * @return the time string
     * @throws IllegalArgumentException if HOUR_OF_DAY or MINUTE is unset, a date
     *     field is set while a smaller one is not, or a value is out of range
     */
    public String format(PartialTimestamp obj) {
        return toText(obj);
    }

    /**
     * Parses a DRMAA time string from the start of {@code str}; text after a
     * complete time string is ignored, as {@link Format#parseObject(String)} allows.
     * @param str the text to parse
     * @return the timestamp, with exactly the fields the string gives set
     * @throws ParseException if the start of str is not a DRMAA time string;
     *     its error offset is where the problem is
     */
    public PartialTimestamp parse(String str) throws ParseException {
        ParsePosition position = new ParsePosition(0);
        PartialTimestamp result = parse(str, position);
        if (result == null) {
            int at = position.getErrorIndex();
            throw new ParseException("\"" + str + "\" is not a DRMAA time " + SYNTAX
                    + ": unexpected " + (at < str.length() ? "'" + str.charAt(at) + "'" : "end")
                    + " at index " + at, at);
        }
        return result;
    }

    /**
     * Parses a DRMAA time string starting at the position's index. On success
     * the index moves past the string (not past trailing spaces); on failure the
     * index is unchanged, the error index is set and null is returned.
     * @param str the text to parse
     * @param parsePosition where to start; updated as described
     * @return the timestamp, or null on failure
     */
    public PartialTimestamp parse(String str, ParsePosition parsePosition) {
        Objects.requireNonNull(str, "str");
        Objects.requireNonNull(parsePosition, "parsePosition");
        Parser parser = new Parser(str, parsePosition.getIndex());
        try {
            PartialTimestamp result = parser.timestamp();
            parsePosition.setIndex(parser.end);
            return result;
        } catch (Failure failure) {
            parsePosition.setErrorIndex(failure.index);
            return null;
        }
    }

    /**
     * Same as {@link #parse(String, ParsePosition)}.
     * @param str the text to parse
     * @param parsePosition where to start; updated as for parse
     * @return the PartialTimestamp, or null on failure
     */
    @Override
    public Object parseObject(String str, ParsePosition parsePosition) {
        return parse(str, parsePosition);
    }

    private static String toText(PartialTimestamp ts) {
        boolean century = ts.isSet(PartialTimestamp.CENTURY);
        boolean year = ts.isSet(PartialTimestamp.YEAR);
        boolean month = ts.isSet(PartialTimestamp.MONTH);
        boolean day = ts.isSet(PartialTimestamp.DAY_OF_MONTH);
        requireSmaller(century, year, "CENTURY", "YEAR");
        requireSmaller(year, month, "YEAR", "MONTH");
        requireSmaller(month, day, "MONTH", "DAY_OF_MONTH");
        if (!ts.isSet(PartialTimestamp.HOUR_OF_DAY) || !ts.isSet(PartialTimestamp.MINUTE)) {
            throw new IllegalArgumentException("a PartialTimestamp needs HOUR_OF_DAY and MINUTE set to be formatted");
        }

        StringBuilder out = new StringBuilder();
        if (century) {
            out.append(field(ts, PartialTimestamp.CENTURY, "CENTURY", 0, 99, 0));
        }
        if (year) {
            out.append(field(ts, PartialTimestamp.YEAR, "YEAR", 0, 99, 0)).append('/');
        }
        if (month) {
            out.append(field(ts, PartialTimestamp.MONTH, "MONTH", 0, 11, 1)).append('/');
        }
        if (day) {
            out.append(field(ts, PartialTimestamp.DAY_OF_MONTH, "DAY_OF_MONTH", 1, 31, 0)).append(' ');
        }
        out.append(field(ts, PartialTimestamp.HOUR_OF_DAY, "HOUR_OF_DAY", 0, 23, 0)).append(':');
        out.append(field(ts, PartialTimestamp.MINUTE, "MINUTE", 0, 59, 0));
        if (ts.isSet(PartialTimestamp.SECOND)) {
            out.append(':').append(field(ts, PartialTimestamp.SECOND, "SECOND", 0, 59, 0));
        }
        if (ts.isSet(PartialTimestamp.ZONE_OFFSET)) {
            int offset = ts.get(PartialTimestamp.ZONE_OFFSET)
                    + (ts.isSet(PartialTimestamp.DST_OFFSET) ? ts.get(PartialTimestamp.DST_OFFSET) : 0);
            int minutes = Math.abs(offset) / MINUTE_MILLIS;
            if (minutes >= 24 * 60) {
                throw new IllegalArgumentException("ZONE_OFFSET " + offset + " ms cannot be formatted");
            }
            out.append(' ').append(offset < 0 ? '-' : '+')
                    .append(twoDigits(minutes / 60)).append(':').append(twoDigits(minutes % 60));
        }
        return out.toString();
    }

    private static void requireSmaller(boolean larger, boolean smaller, String largerName, String smallerName) {
        if (larger && !smaller) {
            throw new IllegalArgumentException("a PartialTimestamp with " + largerName + " set needs "
                    + smallerName + " set to be formatted");
        }
    }

    private static String field(PartialTimestamp ts, int field, String name, int min, int max, int shown) {
        int value = ts.get(field);
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is out of range " + min + "-" + max
                    + " and cannot be formatted");
        }
        return twoDigits(value + shown);
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    /** A parse error at {@link #index}; carries no stack trace, it is control flow. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        Failure(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }

    /** Recursive-descent reader of one time string, from a start index. */
    private static final class Parser {
        private final String text;
        private int pos;
        private int end;

        Parser(String text, int start) {
            this.text = text;
            this.pos = start;
        }

        PartialTimestamp timestamp() throws Failure {
            PartialTimestamp ts = new PartialTimestamp();
            skipSpaces();
            int firstStart = pos;
            String first = digits();
            if (first.isEmpty()) {
                throw new Failure(pos);
            }
            if (peek() == '/') {
                date(ts, first, firstStart);
                requireSpaces();
                int hourStart = pos;
                time(ts, twoDigits(), hourStart);
            } else if (peek() == ':') {
                time(ts, exactlyTwo(first, firstStart), firstStart);
            } else if (isSpace(peek())) {
                ts.set(PartialTimestamp.DAY_OF_MONTH, inRange(exactlyTwo(first, firstStart), 1, 31, firstStart));
                skipSpaces();
                int hourStart = pos;
                time(ts, twoDigits(), hourStart);
            } else {
                throw new Failure(pos);
            }
            return ts;
        }

        /** Reads {@code [[CC]YY/]MM/DD} after its first group, up to the space before the hour. */
        private void date(PartialTimestamp ts, String first, int firstStart) throws Failure {
            String[] groups = {first, null, null};
            int[] starts = {firstStart, 0, 0};
            int count = 1;
            while (peek() == '/') {
                if (count == 3) {
                    throw new Failure(pos);
                }
                pos++;
                starts[count] = pos;
                groups[count++] = twoDigitsText();
            }
            int monthGroup = count - 2;
            if (count == 3) {
                if (first.length() == 4) {
                    ts.set(PartialTimestamp.CENTURY, Integer.parseInt(first.substring(0, 2)));
                    ts.set(PartialTimestamp.YEAR, Integer.parseInt(first.substring(2)));
                } else {
                    ts.set(PartialTimestamp.YEAR, exactlyTwo(first, firstStart));
                }
            } else {
                exactlyTwo(first, firstStart);
            }
            ts.set(PartialTimestamp.MONTH,
                    inRange(Integer.parseInt(groups[monthGroup]), 1, 12, starts[monthGroup]) - 1);
            ts.set(PartialTimestamp.DAY_OF_MONTH,
                    inRange(Integer.parseInt(groups[monthGroup + 1]), 1, 31, starts[monthGroup + 1]));
        }

        /** Reads {@code :mm[:ss][ {-|+}UU:uu]} after the hour. */
        private void time(PartialTimestamp ts, int hour, int hourStart) throws Failure {
            ts.set(PartialTimestamp.HOUR_OF_DAY, inRange(hour, 0, 23, hourStart));
            expect(':');
            int minuteStart = pos;
            ts.set(PartialTimestamp.MINUTE, inRange(twoDigits(), 0, 59, minuteStart));
            if (peek() == ':') {
                pos++;
                int secondStart = pos;
                ts.set(PartialTimestamp.SECOND, inRange(twoDigits(), 0, 59, secondStart));
            }
            end = pos;
            skipSpaces();
            char sign = peek();
            if (sign == '+' || sign == '-') {
                pos++;
                int hoursStart = pos;
                int hours = inRange(twoDigits(), 0, 23, hoursStart);
                expect(':');
                int minutesStart = pos;
                int minutes = inRange(twoDigits(), 0, 59, minutesStart);
                int offset = hours * HOUR_MILLIS + minutes * MINUTE_MILLIS;
                ts.set(PartialTimestamp.ZONE_OFFSET, sign == '-' ? -offset : offset);
                end = pos;
            }
        }

        private String digits() {
            int start = pos;
            while (isDigit(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String twoDigitsText() throws Failure {
            int start = pos;
            String value = digits();
            if (value.length() != 2) {
                throw new Failure(value.isEmpty() ? start : start + Math.min(value.length(), 2));
            }
            return value;
        }

        private int twoDigits() throws Failure {
            return Integer.parseInt(twoDigitsText());
        }

        private static int exactlyTwo(String group, int start) throws Failure {
            if (group.length() != 2) {
                throw new Failure(start + Math.min(group.length(), 2));
            }
            return Integer.parseInt(group);
        }

        private static int inRange(int value, int min, int max, int start) throws Failure {
            if (value < min || value > max) {
                throw new Failure(start);
            }
            return value;
        }

        private void expect(char c) throws Failure {
            if (peek() != c) {
                throw new Failure(pos);
            }
            pos++;
        }

        private void requireSpaces() throws Failure {
            if (!isSpace(peek())) {
                throw new Failure(pos);
            }
            skipSpaces();
        }

        private void skipSpaces() {
            while (isSpace(peek())) {
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
