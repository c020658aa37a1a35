package org.linuxssi.tools.krgps;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/** ps's START and TIME columns. */
final class ProcessTimes {

    // ps's C-locale month names; a DateTimeFormatter would load locale data on every start of krgps.
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
            "Oct", "Nov", "Dec");

    private ProcessTimes() {
    }

    /** HH:MM when the process started today, MonDD this year, the year before that; - when unknown. */
    static String start(long startMs, Clock clock) {
        if (startMs <= 0) {
            return "-";
        }
        LocalDateTime start = LocalDateTime.ofInstant(Instant.ofEpochMilli(startMs), clock.getZone());
        LocalDateTime now = LocalDateTime.now(clock);
        if (start.toLocalDate().equals(now.toLocalDate())) {
            return String.format(Locale.ROOT, "%02d:%02d", start.getHour(), start.getMinute());
        }
        if (start.getYear() == now.getYear()) {
            return String.format(Locale.ROOT, "%s%02d", MONTHS.get(start.getMonthValue() - 1), start.getDayOfMonth());
        }
        return Integer.toString(start.getYear());
    }

    /** Cumulative CPU time as [DD-]HH:MM:SS. */
    static String cpuTime(long cpuMs) {
        long seconds = cpuMs / 1000;
        long days = seconds / 86_400;
        String time = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
        return days > 0 ? String.format(Locale.ROOT, "%02d-%s", days, time) : time;
    }
}
