package org.linuxssi.tools.krgps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ProcessTimesTest {

    // 2026-11-26 15:30 in Paris.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T14:30:00Z"), ZoneId.of("Europe/Paris"));

    @Test
    void startIsTheTimeTodayTheDayThisYearAndTheYearBefore() {
        assertThat(ProcessTimes.start(Instant.parse("2026-11-26T08:05:00Z").toEpochMilli(), CLOCK)).isEqualTo("09:05");
        assertThat(ProcessTimes.start(Instant.parse("2026-11-25T23:30:00Z").toEpochMilli(), CLOCK)).isEqualTo("00:30");
        assertThat(ProcessTimes.start(Instant.parse("2026-11-25T12:00:00Z").toEpochMilli(), CLOCK)).isEqualTo("Nov25");
        assertThat(ProcessTimes.start(Instant.parse("2026-03-02T12:00:00Z").toEpochMilli(), CLOCK)).isEqualTo("Mar02");
        assertThat(ProcessTimes.start(Instant.parse("2025-12-31T12:00:00Z").toEpochMilli(), CLOCK)).isEqualTo("2025");
        assertThat(ProcessTimes.start(0, CLOCK)).isEqualTo("-");
    }

    @Test
    void cpuTimeIsDaysHoursMinutesSeconds() {
        assertThat(ProcessTimes.cpuTime(0)).isEqualTo("00:00:00");
        assertThat(ProcessTimes.cpuTime(999)).isEqualTo("00:00:00");
        assertThat(ProcessTimes.cpuTime(3_723_000)).isEqualTo("01:02:03");
        assertThat(ProcessTimes.cpuTime(86_399_000)).isEqualTo("23:59:59");
        assertThat(ProcessTimes.cpuTime(2 * 86_400_000L + 1000)).isEqualTo("02-00:00:01");
    }
}
