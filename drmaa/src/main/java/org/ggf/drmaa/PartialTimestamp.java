package org.ggf.drmaa;

import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.SimpleTimeZone;
import java.util.TimeZone;

/**
 * A partly specified time, as DRMAA uses for start times and deadlines, that
 * resolves to the soonest matching instant in the future.
 *
 * <p>Set {@code HOUR_OF_DAY} and {@code MINUTE} (required), and optionally
 * {@code SECOND}, {@code DAY_OF_MONTH}, {@code MONTH}, {@code YEAR} and
 * {@link #CENTURY}; {@code ZONE_OFFSET} (plus {@code DST_OFFSET}, if set) fixes
 * the UTC offset, otherwise the calendar's time zone applies. Only
 * {@link #getTime()} and {@link #getTimeInMillis()} resolve, and they resolve
 * afresh on every call: with hour 10 and minute 0 set, a call at 11:01 on
 * 24 November gives 10:00 on 25 November, and a call at 09:34 on 1 December
 * gives 10:00 on 1 December. A time with {@code CENTURY} set is fully
 * specified and may resolve to the past. Other Calendar fields are kept but
 * take no part in resolution.</p>
 *
 * <p>The year is split as DRMAA splits it: {@code YEAR} holds the last two
 * digits (0-99) and {@link #CENTURY} the rest; {@code CENTURY} is an alias of
 * {@code ERA}, so {@code ERA} must not be used. The constructors that take a
 * year take a full year such as 2025. {@link #get(int)} returns {@link #UNSET}
 * for a field that is not set.</p>
 *
 * <p>Each field also has a <i>modifier</i>, a number added to it. Adding to an
 * unset field, or a carry into one, goes to its modifier: with {@code MONTH}
 * set to December and {@code YEAR} unset, {@code add(MONTH, 1)} leaves
 * {@code MONTH} January and a {@code YEAR} modifier of 1, applied once
 * {@code YEAR} is set (97 becomes 98) or, if it stays unset, to the resolved
 * year. A modifier on an unset field thus expresses relative times such as
 * "tomorrow" ({@code DAY_OF_MONTH} modifier 1). {@link #roll} never touches
 * other fields or modifiers.</p>
 *
 * <p>While lenient (the default), out-of-range values carry into the next
 * larger field (milliseconds to seconds, seconds to minutes, minutes to
 * {@code HOUR_OF_DAY}, hours to {@code DAY_OF_MONTH}, days to {@code MONTH},
 * months to {@code YEAR}, years to {@code CENTURY}) as far as the set fields
 * allow: a {@code DAY_OF_MONTH} of 42 stays 42 until {@code MONTH} is set, and
 * a day beyond the 28th of February waits for the full year. A non-lenient
 * instance throws {@link IllegalArgumentException} from {@code get} and the
 * resolving methods for an out-of-range value.</p>
 */
public class PartialTimestamp extends Calendar {
    private static final long serialVersionUID = 1L;

    /** The first digits of the year, all but the last two; an alias of {@code ERA}. */
    public static final int CENTURY = ERA;
    /** The value {@link #get(int)} returns for a field that is not set. */
    public static final int UNSET = Integer.MAX_VALUE;

    private static final String[] FIELD_NAMES = {
        "CENTURY", "YEAR", "MONTH", "WEEK_OF_YEAR", "WEEK_OF_MONTH", "DAY_OF_MONTH",
        "DAY_OF_YEAR", "DAY_OF_WEEK", "DAY_OF_WEEK_IN_MONTH", "AM_PM", "HOUR",
        "HOUR_OF_DAY", "MINUTE", "SECOND", "MILLISECOND", "ZONE_OFFSET", "DST_OFFSET"};
    /** The fields resolution uses, largest first. */
    private static final int[] RESOLVED_FIELDS = {CENTURY, YEAR, MONTH, DAY_OF_MONTH, HOUR_OF_DAY, MINUTE, SECOND};
    /** Enough steps to reach the next 29 February from any month (leap years can be 8 years apart). */
    private static final int MAX_RESOLUTION_STEPS = 12 * 8 + 2;
    private static final int MAX_CENTURY = 2_922_789;
    private static final GregorianCalendar RANGES = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);

    private int[] modifiers = new int[FIELD_COUNT];

    /** Creates a timestamp with no field set, in the default time zone and locale. */
    public PartialTimestamp() {
        this(TimeZone.getDefault(), Locale.getDefault());
    }

    /**
     * Creates a timestamp with no field set, in the given time zone and the default locale.
     * @param zone the time zone used for resolution unless ZONE_OFFSET is set
     */
    public PartialTimestamp(TimeZone zone) {
        this(zone, Locale.getDefault());
    }

    /**
     * Creates a timestamp with no field set, in the default time zone and the given locale.
     * @param aLocale the locale
     */
    public PartialTimestamp(Locale aLocale) {
        this(TimeZone.getDefault(), aLocale);
    }

    /**
     * Creates a timestamp with no field set, in the given time zone and locale.
     * @param zone the time zone used for resolution unless ZONE_OFFSET is set
     * @param aLocale the locale
     */
    public PartialTimestamp(TimeZone zone, Locale aLocale) {
        super(zone, aLocale);
    }

    /**
     * Creates a fully specified timestamp, seconds unset, in the default time zone.
     * @param year the full year, such as 2025; sets CENTURY and YEAR
     * @param month the month, 0 for January
     * @param date the day of the month, from 1
     * @param hour the hour of the day, 0-23
     * @param minute the minute
     */
    public PartialTimestamp(int year, int month, int date, int hour, int minute) {
        this();
        setFullYear(year);
        set(MONTH, month);
        set(DAY_OF_MONTH, date);
        set(HOUR_OF_DAY, hour);
        set(MINUTE, minute);
    }

    /**
     * Creates a fully specified timestamp in the default time zone.
     * @param year the full year, such as 2025; sets CENTURY and YEAR
     * @param month the month, 0 for January
     * @param date the day of the month, from 1
     * @param hour the hour of the day, 0-23
     * @param minute the minute
     * @param second the second
     */
    public PartialTimestamp(int year, int month, int date, int hour, int minute, int second) {
        this(year, month, date, hour, minute);
        set(SECOND, second);
    }

    /**
     * Creates a timestamp with only the time of day set, in the default time zone.
     * @param hour the hour of the day, 0-23
     * @param minute the minute
     * @param second the second
     */
    public PartialTimestamp(int hour, int minute, int second) {
        this();
        set(HOUR_OF_DAY, hour);
        set(MINUTE, minute);
        set(SECOND, second);
    }

    private void setFullYear(int year) {
        set(CENTURY, Math.floorDiv(year, 100));
        set(YEAR, Math.floorMod(year, 100));
    }

    /**
     * Returns the modifier of a field, after carrying any out-of-range values.
     * @param field the Calendar field number
     * @return the amount that will be added to the field
     */
    public int getModifier(int field) {
        normalize(isLenient());
        return modifiers[field];
    }

    /**
     * Sets the modifier of a field: the amount added to its value when it is
     * set, or to the value resolution gives it when it is not.
     * @param field the Calendar field number
     * @param value the amount to add
     */
    public void setModifier(int field, int value) {
        modifiers[field] = value;
    }

    /**
     * Returns the field's value, with its modifier applied and overflow carried
     * as far as the set fields allow, or {@link #UNSET} if it is not set. Does
     * not resolve.
     * @param field the Calendar field number
     * @return the value, or UNSET
     * @throws IllegalArgumentException if not lenient and a value is out of range
     */
    @Override
    public int get(int field) {
        normalize(isLenient());
        return isSet(field) ? internalGet(field) : UNSET;
    }

    /**
     * Adds an amount to a field: to its modifier if it is unset, otherwise to its
     * value, carrying into larger fields. Adding to MONTH, YEAR or CENTURY keeps
     * the day of the month within the new month where its length is known, as
     * GregorianCalendar does.
     * @param field the Calendar field number
     * @param amount the amount to add, may be negative
     */
    @Override
    public void add(int field, int amount) {
        checkField(field);
        if (amount == 0) {
            return;
        }
        if (!isSet(field)) {
            modifiers[field] += amount;
            return;
        }
        normalize(true);
        boolean pinDay = (field == MONTH || field == YEAR || field == CENTURY) && isSet(DAY_OF_MONTH);
        int day = pinDay ? internalGet(DAY_OF_MONTH) : 0;
        if (pinDay) {
            store(DAY_OF_MONTH, 1);
        }
        store(field, internalGet(field) + amount);
        normalize(true);
        if (pinDay) {
            store(DAY_OF_MONTH, pinnedDay(day));
        }
    }

    /**
     * Rolls a set field one unit up or down, wrapping within its range without
     * changing other fields.
     * @param field the Calendar field number
     * @param up true to roll up, false to roll down
     * @throws IllegalArgumentException if the field is unset, or is CENTURY,
     *     ZONE_OFFSET or DST_OFFSET
     */
    @Override
    public void roll(int field, boolean up) {
        roll(field, up ? 1 : -1);
    }

    /**
     * Rolls a set field by an amount, wrapping within the field's range as far as
     * the set fields tell it, without changing other fields or modifiers; rolling
     * MONTH or YEAR keeps the day of the month within the new month.
     * @param field the Calendar field number
     * @param amount the amount to roll, may be negative
     * @throws IllegalArgumentException if the field is unset, or is CENTURY,
     *     ZONE_OFFSET or DST_OFFSET
     */
    @Override
    public void roll(int field, int amount) {
        checkField(field);
        if (field == CENTURY || field == ZONE_OFFSET || field == DST_OFFSET) {
            throw new IllegalArgumentException(FIELD_NAMES[field] + " cannot be rolled");
        }
        if (!isSet(field)) {
            throw new IllegalArgumentException(FIELD_NAMES[field] + " is not set and cannot be rolled");
        }
        normalize(isLenient());
        if (amount == 0) {
            return;
        }
        int min = getActualMinimum(field);
        int range = getActualMaximum(field) - min + 1;
        store(field, min + Math.floorMod(internalGet(field) - min + amount, range));
        if ((field == MONTH || field == YEAR) && isSet(DAY_OF_MONTH)) {
            store(DAY_OF_MONTH, pinnedDay(internalGet(DAY_OF_MONTH)));
        }
    }

    /**
     * Resolves the timestamp to the soonest instant, not before now, that matches
     * every set field, and returns it in milliseconds since the epoch.
     * @return the resolved instant
     * @throws IllegalArgumentException if HOUR_OF_DAY or MINUTE is unset, or, when
     *     not lenient, a value is out of range
     */
    @Override
    public long getTimeInMillis() {
        computeTime();
        return time;
    }

    /**
     * Resolves the set fields into {@code time}: the soonest instant not before
     * now that matches them, found by advancing the field above the largest set
     * one (a day for a time of day, a month for a day, a year for a month, a
     * century for a two-digit year). When nothing matches, as for 30 February,
     * the fields are taken as GregorianCalendar would take them.
     * @throws IllegalArgumentException if HOUR_OF_DAY or MINUTE is unset, or, when
     *     not lenient, a value is out of range
     */
    @Override
    protected void computeTime() {
        normalize(isLenient());
        if (!isSet(HOUR_OF_DAY) || !isSet(MINUTE)) {
            throw new IllegalArgumentException("a PartialTimestamp needs HOUR_OF_DAY and MINUTE set to be resolved");
        }
        TimeZone zone = resolutionZone();
        long now = System.currentTimeMillis();
        int largestSet = largestSetField();
        for (int step = 0; step <= MAX_RESOLUTION_STEPS; step++) {
            GregorianCalendar base = new GregorianCalendar(zone, Locale.ROOT);
            base.setTimeInMillis(now);
            advance(base, largestSet, step);
            GregorianCalendar candidate = candidate(base, zone);
            long millis = candidate.getTimeInMillis();
            if (step == 0) {
                time = millis;
                if (largestSet == CENTURY) {
                    return;
                }
            }
            if (matches(candidate) && millis >= now) {
                time = millis;
                return;
            }
        }
    }

    private TimeZone resolutionZone() {
        if (!isSet(ZONE_OFFSET)) {
            return getTimeZone();
        }
        int offset = internalGet(ZONE_OFFSET) + (isSet(DST_OFFSET) ? internalGet(DST_OFFSET) : 0);
        return new SimpleTimeZone(offset, "PartialTimestamp");
    }

    private int largestSetField() {
        for (int field : RESOLVED_FIELDS) {
            if (isSet(field)) {
                return field;
            }
        }
        return HOUR_OF_DAY;
    }

    /** Moves the current time forward by {@code step} units of the field above {@code largestSet}. */
    private static void advance(GregorianCalendar base, int largestSet, int step) {
        switch (largestSet) {
            case YEAR -> base.add(YEAR, 100 * step);
            case MONTH -> base.add(YEAR, step);
            case DAY_OF_MONTH -> base.add(MONTH, step);
            case CENTURY -> { }
            default -> base.add(DAY_OF_MONTH, step);
        }
    }

    /** Set fields as they are; unset ones from {@code base} plus their modifiers; unset seconds are 0. */
    private GregorianCalendar candidate(GregorianCalendar base, TimeZone zone) {
        int baseYear = base.get(YEAR);
        int century = valueOr(CENTURY, Math.floorDiv(baseYear, 100));
        int year = valueOr(YEAR, Math.floorMod(baseYear, 100));
        GregorianCalendar candidate = new GregorianCalendar(zone, Locale.ROOT);
        candidate.clear();
        candidate.set(century * 100 + year,
                valueOr(MONTH, base.get(MONTH)),
                valueOr(DAY_OF_MONTH, base.get(DAY_OF_MONTH)),
                internalGet(HOUR_OF_DAY),
                internalGet(MINUTE),
                valueOr(SECOND, 0));
        candidate.set(MILLISECOND, valueOr(MILLISECOND, 0));
        return candidate;
    }

    private int valueOr(int field, int unsetValue) {
        return isSet(field) ? internalGet(field) : unsetValue + modifiers[field];
    }

    /** Whether the resolved calendar kept every set field, which overflow (30 February) or a DST gap would change. */
    private boolean matches(GregorianCalendar resolved) {
        int fullYear = resolved.get(YEAR);
        for (int field : RESOLVED_FIELDS) {
            if (isSet(field)) {
                int actual = switch (field) {
                    case CENTURY -> Math.floorDiv(fullYear, 100);
                    case YEAR -> Math.floorMod(fullYear, 100);
                    default -> resolved.get(field);
                };
                if (actual != internalGet(field)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Sets every field, CENTURY and YEAR included, from {@code time} in the
     * calendar's time zone, and clears all modifiers.
     */
    @Override
    protected void computeFields() {
        GregorianCalendar resolved = new GregorianCalendar(getTimeZone(), Locale.ROOT);
        resolved.setTimeInMillis(time);
        Arrays.fill(modifiers, 0);
        int fullYear = resolved.get(YEAR);
        for (int field = 0; field < FIELD_COUNT; field++) {
            int value = switch (field) {
                case CENTURY -> Math.floorDiv(fullYear, 100);
                case YEAR -> Math.floorMod(fullYear, 100);
                default -> resolved.get(field);
            };
            set(field, value);
        }
    }

    /** Applies modifiers and carries overflow; never resolves, so unset fields stay unset. */
    @Override
    protected void complete() {
        normalize(isLenient());
    }

    /**
     * Folds each set field's modifier into its value and carries out-of-range
     * values into the next larger field, or its modifier if that is unset.
     */
    private void normalize(boolean lenient) {
        carry(MILLISECOND, 1000, SECOND, lenient);
        carry(SECOND, 60, MINUTE, lenient);
        carry(MINUTE, 60, HOUR_OF_DAY, lenient);
        carry(HOUR_OF_DAY, 24, DAY_OF_MONTH, lenient);
        carry(MONTH, 12, YEAR, lenient);
        carry(YEAR, 100, CENTURY, lenient);
        foldCentury(lenient);
        normalizeDayOfMonth(lenient);
        for (int field = 0; field < FIELD_COUNT; field++) {
            if (isSet(field) && modifiers[field] != 0) {
                store(field, internalGet(field) + modifiers[field]);
                modifiers[field] = 0;
            }
        }
    }

    private void carry(int field, int size, int larger, boolean lenient) {
        if (!isSet(field)) {
            return;
        }
        int value = internalGet(field) + modifiers[field];
        if (value < 0 || value >= size) {
            if (!lenient) {
                throw outOfRange(field, value);
            }
            modifiers[larger] += Math.floorDiv(value, size);
            value = Math.floorMod(value, size);
        }
        modifiers[field] = 0;
        store(field, value);
    }

    private void foldCentury(boolean lenient) {
        if (!isSet(CENTURY)) {
            return;
        }
        int value = internalGet(CENTURY) + modifiers[CENTURY];
        if (!lenient && (value < 0 || value > MAX_CENTURY)) {
            throw outOfRange(CENTURY, value);
        }
        modifiers[CENTURY] = 0;
        store(CENTURY, value);
    }

    /** Walks an out-of-range day through the months whose lengths are known. */
    private void normalizeDayOfMonth(boolean lenient) {
        if (!isSet(DAY_OF_MONTH)) {
            return;
        }
        int day = internalGet(DAY_OF_MONTH) + modifiers[DAY_OF_MONTH];
        if (!isSet(MONTH)) {
            if (!lenient && (day < 1 || day > 31)) {
                throw outOfRange(DAY_OF_MONTH, day);
            }
        } else {
            int month = internalGet(MONTH);
            if (!lenient && (day < 1 || day > lengthOrMax(month, knownYear()))) {
                throw outOfRange(DAY_OF_MONTH, day);
            }
            int yearShift = 0;
            int length;
            while ((length = monthLength(month, knownYear(), yearShift)) > 0 && day > length) {
                day -= length;
                month = (month + 1) % 12;
                yearShift += month == JANUARY ? 1 : 0;
            }
            while (day < 1) {
                int previous = (month + 11) % 12;
                int previousShift = yearShift - (previous == DECEMBER ? 1 : 0);
                length = monthLength(previous, knownYear(), previousShift);
                if (length < 0) {
                    break;
                }
                day += length;
                month = previous;
                yearShift = previousShift;
            }
            store(MONTH, month);
            if (yearShift != 0) {
                modifiers[YEAR] += yearShift;
                carry(YEAR, 100, CENTURY, true);
                foldCentury(true);
            }
        }
        modifiers[DAY_OF_MONTH] = 0;
        store(DAY_OF_MONTH, day);
    }

    /** The full year if CENTURY and YEAR are both set, else null. */
    private Integer knownYear() {
        return isSet(CENTURY) && isSet(YEAR) ? internalGet(CENTURY) * 100 + internalGet(YEAR) : null;
    }

    /** Days in a month of {@code year + shift}, or -1 for February of an unknown year. */
    private static int monthLength(int month, Integer year, int shift) {
        if (month == FEBRUARY) {
            return year == null ? -1 : (isLeapYear(year + shift) ? 29 : 28);
        }
        return switch (month) {
            case APRIL, JUNE, SEPTEMBER, NOVEMBER -> 30;
            default -> 31;
        };
    }

    private static int lengthOrMax(int month, Integer year) {
        int length = monthLength(month, year, 0);
        return length > 0 ? length : 29;
    }

    private static boolean isLeapYear(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** The day, cut to the length of the set month where that length is known. */
    private int pinnedDay(int day) {
        if (!isSet(MONTH)) {
            return day;
        }
        int length = monthLength(internalGet(MONTH), knownYear(), 0);
        return length > 0 ? Math.min(day, length) : day;
    }

    /** Changes a field's value without changing whether, or when, it was set. */
    private void store(int field, int value) {
        fields[field] = value;
    }

    private static void checkField(int field) {
        if (field < 0 || field >= FIELD_COUNT) {
            throw new IllegalArgumentException("no such Calendar field: " + field);
        }
    }

    private static IllegalArgumentException outOfRange(int field, int value) {
        return new IllegalArgumentException(FIELD_NAMES[field] + " is out of range: " + value);
    }

    /**
     * Returns the smallest value the field can have: 0 for CENTURY, YEAR and
     * MONTH, as GregorianCalendar for the others.
     * @param field the Calendar field number
     * @return the minimum
     */
    @Override
    public int getMinimum(int field) {
        return switch (field) {
            case CENTURY, YEAR -> 0;
            default -> RANGES.getMinimum(field);
        };
    }

    /**
     * Returns the largest value the field can have: 99 for YEAR, the largest
     * GregorianCalendar century for CENTURY, as GregorianCalendar for the others.
     * @param field the Calendar field number
     * @return the maximum
     */
    @Override
    public int getMaximum(int field) {
        return switch (field) {
            case CENTURY -> MAX_CENTURY;
            case YEAR -> 99;
            default -> RANGES.getMaximum(field);
        };
    }

    /**
     * Returns the largest minimum of the field over all dates.
     * @param field the Calendar field number
     * @return the greatest minimum
     */
    @Override
    public int getGreatestMinimum(int field) {
        return switch (field) {
            case CENTURY, YEAR -> getMinimum(field);
            default -> RANGES.getGreatestMinimum(field);
        };
    }

    /**
     * Returns the smallest maximum of the field over all dates, such as 28 for DAY_OF_MONTH.
     * @param field the Calendar field number
     * @return the least maximum
     */
    @Override
    public int getLeastMaximum(int field) {
        return switch (field) {
            case CENTURY, YEAR -> getMaximum(field);
            default -> RANGES.getLeastMaximum(field);
        };
    }

    /**
     * Returns the field's minimum given the other set fields.
     * @param field the Calendar field number
     * @return the actual minimum
     */
    @Override
    public int getActualMinimum(int field) {
        return getMinimum(field);
    }

    /**
     * Returns the field's maximum given the other set fields: the month's length
     * for DAY_OF_MONTH when MONTH (and for February the full year) is set, 365 or
     * 366 for DAY_OF_YEAR when the full year is set, the absolute maximum otherwise.
     * @param field the Calendar field number
     * @return the actual maximum
     */
    @Override
    public int getActualMaximum(int field) {
        Integer year = knownYear();
        if (field == DAY_OF_MONTH && isSet(MONTH)) {
            return lengthOrMax(internalGet(MONTH), year);
        }
        if (field == DAY_OF_YEAR && year != null) {
            return isLeapYear(year) ? 366 : 365;
        }
        return getMaximum(field);
    }

    /**
     * Two timestamps are equal when the same fields are set to the same values,
     * every modifier is equal, and their time zones are equal.
     * @param obj the object to compare with
     * @return whether obj is an equal PartialTimestamp
     */
    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof PartialTimestamp other)) {
            return false;
        }
        for (int field = 0; field < FIELD_COUNT; field++) {
            if (get(field) != other.get(field) || modifiers[field] != other.modifiers[field]) {
                return false;
            }
        }
        return getTimeZone().equals(other.getTimeZone());
    }

    /**
     * Returns a hash code consistent with {@link #equals}.
     * @return the hash code
     */
    @Override
    public int hashCode() {
        int[] values = new int[FIELD_COUNT];
        for (int field = 0; field < FIELD_COUNT; field++) {
            values[field] = get(field);
        }
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(modifiers);
    }

    /**
     * Returns a copy with the same fields, modifiers, time zone and leniency.
     * @return the copy
     */
    @Override
    public Object clone() {
        PartialTimestamp copy = (PartialTimestamp) super.clone();
        copy.modifiers = modifiers.clone();
        return copy;
    }
}
