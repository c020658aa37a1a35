package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.SimpleTimeZone;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class PartialTimestampTest {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Test
    void unsetFieldsReadAsUnset() {
        PartialTimestamp ts = new PartialTimestamp();

        for (int field = 0; field < Calendar.FIELD_COUNT; field++) {
            assertThat(ts.isSet(field)).isFalse();
            assertThat(ts.get(field)).isEqualTo(PartialTimestamp.UNSET);
            assertThat(ts.getModifier(field)).isZero();
        }
    }

    @Test
    void yearIsSplitIntoCenturyAndTwoDigits() {
        PartialTimestamp ts = new PartialTimestamp(2025, Calendar.DECEMBER, 24, 18, 30, 5);

        assertThat(ts.get(PartialTimestamp.CENTURY)).isEqualTo(20);
        assertThat(ts.get(Calendar.YEAR)).isEqualTo(25);
        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.DECEMBER);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(24);
        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(18);
        assertThat(ts.get(Calendar.MINUTE)).isEqualTo(30);
        assertThat(ts.get(Calendar.SECOND)).isEqualTo(5);
    }

    @Test
    void addingPastDecemberWithoutAYearLeavesAYearModifier() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.MONTH, Calendar.DECEMBER);

        ts.add(Calendar.MONTH, 1);

        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.JANUARY);
        assertThat(ts.isSet(Calendar.YEAR)).isFalse();
        assertThat(ts.getModifier(Calendar.YEAR)).isEqualTo(1);

        ts.set(Calendar.YEAR, 97);

        assertThat(ts.get(Calendar.YEAR)).isEqualTo(98);
        assertThat(ts.getModifier(Calendar.YEAR)).isZero();
    }

    @Test
    void addingToAnUnsetFieldGoesToItsModifier() {
        PartialTimestamp ts = new PartialTimestamp();

        ts.add(Calendar.DAY_OF_MONTH, 2);
        ts.add(Calendar.DAY_OF_MONTH, -1);

        assertThat(ts.isSet(Calendar.DAY_OF_MONTH)).isFalse();
        assertThat(ts.getModifier(Calendar.DAY_OF_MONTH)).isEqualTo(1);
    }

    @Test
    void outOfRangeSetCarriesIntoTheNextFieldOrItsModifier() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.HOUR_OF_DAY, 23);
        ts.set(Calendar.MINUTE, 125);

        assertThat(ts.get(Calendar.MINUTE)).isEqualTo(5);
        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(1);
        assertThat(ts.getModifier(Calendar.DAY_OF_MONTH)).isEqualTo(1);

        ts.set(Calendar.SECOND, -1);
        assertThat(ts.get(Calendar.SECOND)).isEqualTo(59);
        assertThat(ts.get(Calendar.MINUTE)).isEqualTo(4);
    }

    @Test
    void aDayBeyondTheMonthWaitsForTheFieldsItNeeds() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.DAY_OF_MONTH, 42);

        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(42);

        ts.set(Calendar.MONTH, Calendar.JANUARY);

        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.FEBRUARY);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(11);
    }

    @Test
    void februaryNeedsTheFullYear() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.MONTH, Calendar.FEBRUARY);
        ts.set(Calendar.DAY_OF_MONTH, 29);

        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(29);
        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.FEBRUARY);

        ts.set(PartialTimestamp.CENTURY, 20);
        ts.set(Calendar.YEAR, 23);

        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.MARCH);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(1);
    }

    @Test
    void dayOverflowAcrossTheYearReachesCentury() {
        PartialTimestamp ts = new PartialTimestamp(2099, Calendar.DECEMBER, 31, 12, 0);

        ts.add(Calendar.DAY_OF_MONTH, 1);

        assertThat(ts.get(PartialTimestamp.CENTURY)).isEqualTo(21);
        assertThat(ts.get(Calendar.YEAR)).isZero();
        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.JANUARY);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(1);
    }

    @Test
    void addingAMonthKeepsTheDayInsideTheNewMonth() {
        PartialTimestamp ts = new PartialTimestamp(2024, Calendar.JANUARY, 31, 8, 0);

        ts.add(Calendar.MONTH, 1);

        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.FEBRUARY);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(29);
    }

    @Test
    void rollWrapsWithoutTouchingOtherFieldsOrModifiers() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.HOUR_OF_DAY, 23);
        ts.set(Calendar.MINUTE, 59);

        ts.roll(Calendar.MINUTE, true);
        ts.roll(Calendar.HOUR_OF_DAY, 3);

        assertThat(ts.get(Calendar.MINUTE)).isZero();
        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(2);
        assertThat(ts.getModifier(Calendar.DAY_OF_MONTH)).isZero();

        ts.roll(Calendar.HOUR_OF_DAY, false);
        ts.roll(Calendar.HOUR_OF_DAY, -3);
        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(22);
    }

    @Test
    void rollingAMonthPinsTheDay() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.MONTH, Calendar.MARCH);
        ts.set(Calendar.DAY_OF_MONTH, 31);

        ts.roll(Calendar.MONTH, 1);

        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.APRIL);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(30);
    }

    @Test
    void rollRefusesUnsetAndUnrollableFields() {
        PartialTimestamp ts = new PartialTimestamp(2025, Calendar.MAY, 1, 0, 0);

        assertThatThrownBy(() -> ts.roll(Calendar.SECOND, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECOND is not set");
        assertThatThrownBy(() -> ts.roll(PartialTimestamp.CENTURY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CENTURY cannot be rolled");
    }

    @Test
    void nonLenientRejectsOutOfRangeValues() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.setLenient(false);
        ts.set(Calendar.MONTH, Calendar.APRIL);
        ts.set(Calendar.DAY_OF_MONTH, 31);

        assertThatThrownBy(() -> ts.get(Calendar.DAY_OF_MONTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DAY_OF_MONTH is out of range: 31");
    }

    @Test
    void resolvesATimeOfDayToItsNextOccurrence() {
        Instant before = Instant.now();
        ZonedDateTime inTwoHours = before.atZone(ZoneOffset.UTC).plusHours(2);
        ZonedDateTime twoHoursAgo = before.atZone(ZoneOffset.UTC).minusHours(2);

        Instant later = resolveUtc(inTwoHours.getHour(), inTwoHours.getMinute());
        Instant earlier = resolveUtc(twoHoursAgo.getHour(), twoHoursAgo.getMinute());

        assertThat(Duration.between(before, later)).isBetween(Duration.ofMinutes(119), Duration.ofHours(2));
        assertThat(Duration.between(before, earlier)).isBetween(Duration.ofMinutes(1319), Duration.ofHours(22));
    }

    @Test
    void midnightResolvesToTheComingOne() {
        PartialTimestamp ts = new PartialTimestamp(UTC);
        ts.set(Calendar.HOUR_OF_DAY, 0);
        ts.set(Calendar.MINUTE, 0);

        long first = ts.getTimeInMillis();
        assertThat(ts.getTime()).isEqualTo(new Date(first));
        assertThat(first % Duration.ofDays(1).toMillis()).isZero();
        assertThat(first).isGreaterThan(System.currentTimeMillis() - 1000);
    }

    @Test
    void aModifierOnAnUnsetDayMeansTomorrow() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        PartialTimestamp ts = new PartialTimestamp(UTC);
        ts.set(Calendar.HOUR_OF_DAY, 12);
        ts.set(Calendar.MINUTE, 0);
        ts.setModifier(Calendar.DAY_OF_MONTH, 1);

        ZonedDateTime resolved = Instant.ofEpochMilli(ts.getTimeInMillis()).atZone(ZoneOffset.UTC);

        assertThat(resolved.toLocalDate()).isEqualTo(now.toLocalDate().plusDays(1));
        assertThat(resolved.getHour()).isEqualTo(12);
    }

    @Test
    void aDayOfMonthResolvesToTheNextMonthThatHasIt() {
        PartialTimestamp ts = new PartialTimestamp(UTC);
        ts.set(Calendar.DAY_OF_MONTH, 31);
        ts.set(Calendar.HOUR_OF_DAY, 6);
        ts.set(Calendar.MINUTE, 0);

        ZonedDateTime resolved = Instant.ofEpochMilli(ts.getTimeInMillis()).atZone(ZoneOffset.UTC);

        assertThat(resolved.getDayOfMonth()).isEqualTo(31);
        assertThat(resolved.toInstant()).isAfter(Instant.now().minusSeconds(1));
        assertThat(Duration.between(Instant.now(), resolved.toInstant())).isLessThan(Duration.ofDays(63));
    }

    @Test
    void aLeapDayResolvesWithinEightYears() {
        PartialTimestamp ts = new PartialTimestamp(UTC);
        ts.set(Calendar.MONTH, Calendar.FEBRUARY);
        ts.set(Calendar.DAY_OF_MONTH, 29);
        ts.set(Calendar.HOUR_OF_DAY, 0);
        ts.set(Calendar.MINUTE, 0);

        ZonedDateTime resolved = Instant.ofEpochMilli(ts.getTimeInMillis()).atZone(ZoneOffset.UTC);

        assertThat(resolved.getMonthValue()).isEqualTo(2);
        assertThat(resolved.getDayOfMonth()).isEqualTo(29);
        assertThat(resolved.getYear()).isBetween(ZonedDateTime.now(ZoneOffset.UTC).getYear(),
                ZonedDateTime.now(ZoneOffset.UTC).getYear() + 8);
    }

    @Test
    void aFullySpecifiedTimeMayBeInThePastAndHonoursTheZoneOffset() {
        PartialTimestamp ts = new PartialTimestamp(2001, Calendar.SEPTEMBER, 9, 3, 46, 40);
        ts.set(Calendar.ZONE_OFFSET, 2 * 3_600_000);

        assertThat(ts.getTimeInMillis()).isEqualTo(Instant.parse("2001-09-09T01:46:40Z").toEpochMilli());
    }

    @Test
    void resolutionNeedsHourAndMinute() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.HOUR_OF_DAY, 10);

        assertThatThrownBy(ts::getTimeInMillis)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HOUR_OF_DAY and MINUTE");
    }

    @Test
    void settingTheTimeSetsEveryField() {
        PartialTimestamp ts = new PartialTimestamp(UTC);
        ts.setModifier(Calendar.YEAR, 3);

        ts.setTime(Date.from(Instant.parse("2024-02-29T13:14:15.016Z")));

        assertThat(ts.get(PartialTimestamp.CENTURY)).isEqualTo(20);
        assertThat(ts.get(Calendar.YEAR)).isEqualTo(24);
        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.FEBRUARY);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(29);
        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(13);
        assertThat(ts.get(Calendar.MILLISECOND)).isEqualTo(16);
        assertThat(ts.get(Calendar.ZONE_OFFSET)).isZero();
        assertThat(ts.getModifier(Calendar.YEAR)).isZero();
        assertThat(ts.getTimeInMillis()).isEqualTo(Instant.parse("2024-02-29T13:14:15.016Z").toEpochMilli());
    }

    @Test
    void equalityCoversFieldsModifiersAndZone() {
        PartialTimestamp a = new PartialTimestamp(10, 30, 0);
        PartialTimestamp b = new PartialTimestamp(10, 30, 0);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);

        b.setModifier(Calendar.DAY_OF_MONTH, 1);
        assertThat(a).isNotEqualTo(b);
        b.setModifier(Calendar.DAY_OF_MONTH, 0);
        b.setTimeZone(new SimpleTimeZone(12_345, "Elsewhere"));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void cloneIsIndependent() {
        PartialTimestamp original = new PartialTimestamp(10, 30, 0);
        original.setModifier(Calendar.DAY_OF_MONTH, 2);

        PartialTimestamp copy = (PartialTimestamp) original.clone();
        copy.set(Calendar.MINUTE, 45);
        copy.setModifier(Calendar.DAY_OF_MONTH, 5);

        assertThat(original.get(Calendar.MINUTE)).isEqualTo(30);
        assertThat(original.getModifier(Calendar.DAY_OF_MONTH)).isEqualTo(2);
    }

    @Test
    void survivesSerializationWithItsUnsetFields() throws Exception {
        PartialTimestamp ts = new PartialTimestamp(7, 5, 0);
        ts.setModifier(Calendar.DAY_OF_MONTH, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ts);
        }

        PartialTimestamp copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (PartialTimestamp) in.readObject();
        }

        assertThat(copy).isEqualTo(ts);
        assertThat(copy.isSet(Calendar.DAY_OF_MONTH)).isFalse();
    }

    private static Instant resolveUtc(int hour, int minute) {
        PartialTimestamp ts = new PartialTimestamp(UTC);
        ts.set(Calendar.HOUR_OF_DAY, hour);
        ts.set(Calendar.MINUTE, minute);
        return Instant.ofEpochMilli(ts.getTimeInMillis());
    }
}
