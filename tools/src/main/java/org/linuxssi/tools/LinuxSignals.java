package org.linuxssi.tools;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux signal names and numbers (x86, ARM and the other architectures with the generic numbering),
 * the way kill(1) reads them: KILL, SIGKILL, kill, 9, RTMIN+3.
 */
public final class LinuxSignals {

    public static final int HUP = 1;
    public static final int INT = 2;
    public static final int QUIT = 3;
    public static final int KILL = 9;
    public static final int USR1 = 10;
    public static final int USR2 = 12;
    public static final int PIPE = 13;
    public static final int TERM = 15;
    public static final int CONT = 18;
    public static final int TSTP = 20;
    public static final int WINCH = 28;

    public static final int RTMIN = 34;
    public static final int RTMAX = 64;

    /** The named signals, index = number - 1. */
    public static final List<String> NAMES = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    public static final String EXPECTED = "expected a name like TERM, KILL or SIGUSR1, or a number 0-" + RTMAX;

    private static final Map<String, Integer> ALIASES = Map.of("IOT", 6, "CLD", 17, "POLL", 29);
    private static final Pattern REALTIME = Pattern.compile("RTMIN(?:\\+(\\d{1,2}))?|RTMAX(?:-(\\d{1,2}))?");

    private LinuxSignals() {
    }

    /**
     * A signal number from a name (with or without SIG, any case) or a number; 0 is allowed, as
     * in kill(1), to test whether a process exists.
     */
    public static Optional<Integer> parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.matches("\\d{1,3}")) {
            int number = Integer.parseInt(value);
            return number <= RTMAX ? Optional.of(number) : Optional.empty();
        }
        if (value.startsWith("SIG")) {
            value = value.substring(3);
        }
        int index = NAMES.indexOf(value);
        if (index >= 0) {
            return Optional.of(index + 1);
        }
        if (ALIASES.containsKey(value)) {
            return Optional.of(ALIASES.get(value));
        }
        Matcher realtime = REALTIME.matcher(value);
        if (realtime.matches()) {
            int number = realtime.group(1) != null ? RTMIN + Integer.parseInt(realtime.group(1))
                    : realtime.group(2) != null ? RTMAX - Integer.parseInt(realtime.group(2))
                    : value.startsWith("RTMIN") ? RTMIN : RTMAX;
            return number >= RTMIN && number <= RTMAX ? Optional.of(number) : Optional.empty();
        }
        return Optional.empty();
    }

    /** KILL for 9, RTMIN+3 for 37, the number itself when it has no name. */
    public static String name(int number) {
        if (number >= 1 && number <= NAMES.size()) {
            return NAMES.get(number - 1);
        }
        if (number == RTMIN) {
            return "RTMIN";
        }
        if (number == RTMAX) {
            return "RTMAX";
        }
        if (number > RTMIN && number < RTMAX) {
            return number - RTMIN <= RTMAX - number ? "RTMIN+" + (number - RTMIN) : "RTMAX-" + (RTMAX - number);
        }
        return Integer.toString(number);
    }
}
