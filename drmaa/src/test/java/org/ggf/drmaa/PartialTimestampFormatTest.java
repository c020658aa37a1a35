package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.FieldPosition;
import java.text.ParseException;
import java.text.ParsePosition;
import java.util.Calendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartialTimestampFormatTest {
    private final PartialTimestampFormat format = new PartialTimestampFormat();

    @Test
    void parsesEveryPartOfTheSyntax() throws ParseException {
        PartialTimestamp ts = format.parse("2025/12/24 18:30:05 -05:30");

        assertThat(ts.get(PartialTimestamp.CENTURY)).isEqualTo(20);
        assertThat(ts.get(Calendar.YEAR)).isEqualTo(25);
        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.DECEMBER);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(24);
        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(18);
        assertThat(ts.get(Calendar.MINUTE)).isEqualTo(30);
        assertThat(ts.get(Calendar.SECOND)).isEqualTo(5);
        assertThat(ts.get(Calendar.ZONE_OFFSET)).isEqualTo(-(5 * 3_600_000 + 30 * 60_000));
    }

    @Test
    void setsOnlyTheFieldsTheStringGives() throws ParseException {
        PartialTimestamp ts = format.parse("07/04 09:15");

        assertThat(ts.get(Calendar.MONTH)).isEqualTo(Calendar.JULY);
        assertThat(ts.get(Calendar.DAY_OF_MONTH)).isEqualTo(4);
        assertThat(ts.isSet(Calendar.YEAR)).isFalse();
        assertThat(ts.isSet(PartialTimestamp.CENTURY)).isFalse();
        assertThat(ts.isSet(Calendar.SECOND)).isFalse();
        assertThat(ts.isSet(Calendar.ZONE_OFFSET)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00:00", "23:59", "10:30:15", "10:30 +01:00", "10:30:15 -12:45", "01 06:00", "31 23:59:59",
        "12/24 18:00", "25/12/24 18:00", "2025/12/24 18:00:00 -05:00", "1999/01/01 00:00 +00:00"})
    void roundTripsEveryForm(String text) throws ParseException {
        PartialTimestamp parsed = format.parse(text);

        assertThat(format.format(parsed)).isEqualTo(text);
        assertThat(format.parse(format.format(parsed))).isEqualTo(parsed);
    }

    @Test
    void roundTripsAPartialTimestampBuiltInCode() throws ParseException {
        PartialTimestamp date = new PartialTimestamp();
        date.set(Calendar.HOUR_OF_DAY, 11);
        date.set(Calendar.MINUTE, 30);

        String text = format.format(date);

        assertThat(text).isEqualTo("11:30");
        assertThat(format.parse(text)).isEqualTo(date);
    }

    @Test
    void acceptsExtraSpacesAndAnOffsetWithoutASpace() throws ParseException {
        assertThat(format.format(format.parse("  12/24\t 18:00  +02:00"))).isEqualTo("12/24 18:00 +02:00");
        assertThat(format.format(format.parse("18:00+02:00"))).isEqualTo("18:00 +02:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|0",
        "'   '|3",
        "abc|0",
        "10|2",
        "10:|3",
        "10:3|4",
        "1:30|1",
        "123:30|2",
        "24:00|0",
        "10:60|3",
        "10:30:|6",
        "10:30:7|7",
        "10:30:60|6",
        "10:30 +1:00|8",
        "10:30 +01|9",
        "10:30 +01:0|11",
        "10:30 +24:00|7",
        "10:30 -01:60|10",
        "13/01 10:00|0",
        "00/01 10:00|0",
        "12/32 10:00|3",
        "12/00 10:00|3",
        "2025/12 10:00|2",
        "123/12/24 10:00|2",
        "2025/12/24/01 10:00|10",
        "2025/12/2410:00|10",
        "1 10:00|1",
        "12/24 1:00|7",
        "10/30|5"})
    void rejectsMalformedInputWhereItGoesWrong(String text, int errorOffset) {
        assertThatThrownBy(() -> format.parse(text))
                .isInstanceOfSatisfying(ParseException.class,
                        e -> assertThat(e.getErrorOffset()).isEqualTo(errorOffset))
                .hasMessageContaining("is not a DRMAA time");
    }

    @Test
    void parsePositionMarksTheEndOrTheError() {
        ParsePosition position = new ParsePosition(4);

        PartialTimestamp ts = format.parse("at: 10:30 tomorrow", position);

        assertThat(ts.get(Calendar.HOUR_OF_DAY)).isEqualTo(10);
        assertThat(position.getIndex()).isEqualTo(9);
        assertThat(position.getErrorIndex()).isEqualTo(-1);

        ParsePosition bad = new ParsePosition(0);
        assertThat(format.parseObject("10:7", bad)).isNull();
        assertThat(bad.getIndex()).isZero();
        assertThat(bad.getErrorIndex()).isEqualTo(4);
    }

    @Test
    void parseOfAWholeStringIgnoresTextAfterACompleteTime() throws ParseException {
        assertThat(format.format(format.parse("10:30 and then some"))).isEqualTo("10:30");
    }

    @Test
    void formatAppendsAndIgnoresTheFieldPosition() {
        StringBuffer out = new StringBuffer("start=");

        StringBuffer result = format.format((Object) new PartialTimestamp(6, 0, 0), out, new FieldPosition(0));

        assertThat(result).isSameAs(out);
        assertThat(out.toString()).isEqualTo("start=06:00:00");
        assertThat(format.format((Object) new PartialTimestamp(6, 0, 0))).isEqualTo("06:00:00");
    }

    @Test
    void formatAddsDaylightSavingToTheZoneOffset() {
        PartialTimestamp ts = new PartialTimestamp(6, 0, 0);
        ts.set(Calendar.ZONE_OFFSET, 3_600_000);
        ts.set(Calendar.DST_OFFSET, 3_600_000);

        assertThat(format.format(ts)).isEqualTo("06:00:00 +02:00");
    }

    @Test
    void formatWritesNormalisedValues() {
        PartialTimestamp ts = new PartialTimestamp();
        ts.set(Calendar.MONTH, Calendar.DECEMBER);
        ts.set(Calendar.DAY_OF_MONTH, 31);
        ts.set(Calendar.HOUR_OF_DAY, 23);
        ts.set(Calendar.MINUTE, 90);

        assertThat(format.format(ts)).isEqualTo("01/01 00:30");
    }

    @Test
    void formatRefusesWhatTheSyntaxCannotSay() {
        PartialTimestamp noMinute = new PartialTimestamp();
        noMinute.set(Calendar.HOUR_OF_DAY, 10);
        PartialTimestamp gap = new PartialTimestamp(10, 0, 0);
        gap.set(Calendar.YEAR, 25);
        gap.set(Calendar.DAY_OF_MONTH, 1);
        PartialTimestamp dayBeyondAnyMonth = new PartialTimestamp(10, 0, 0);
        dayBeyondAnyMonth.set(Calendar.DAY_OF_MONTH, 42);

        assertThatThrownBy(() -> format.format(noMinute))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HOUR_OF_DAY and MINUTE");
        assertThatThrownBy(() -> format.format(gap))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YEAR set needs MONTH");
        assertThatThrownBy(() -> format.format(dayBeyondAnyMonth))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DAY_OF_MONTH 42");
        assertThatThrownBy(() -> format.format("10:30", new StringBuffer(), new FieldPosition(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
    }
}
