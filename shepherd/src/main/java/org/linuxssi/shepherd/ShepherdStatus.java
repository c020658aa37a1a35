package org.linuxssi.shepherd;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a program ended, read from the {@code status} file its shepherd wrote last. Unknown keys are
 * ignored so that a newer shepherd can add some.
 *
 * @param outcome    how the program ended
 * @param exitCode   the exit code for {@link Outcome#EXITED}; 127, 126 or 125 for the failures
 * @param signal     the terminating signal for {@link Outcome#KILLED}
 * @param signalName e.g. {@code SIGKILL}, with {@code signal}
 * @param coreDumped the kernel wrote a core dump
 * @param utimeUs    user CPU time of the program and the children it waited for, in microseconds
 * @param stimeUs    system CPU time, likewise
 * @param maxRssKb   largest resident set size, in KiB
 * @param startMs    when the shepherd forked the program, ms since the epoch
 * @param endMs      when the shepherd reaped it
 * @param failure    why the program never ran, for the two failure outcomes
 * @param spoolError why terminal output was dropped (pty mode, e.g. disk full)
 */
public record ShepherdStatus(Outcome outcome, OptionalInt exitCode, OptionalInt signal, Optional<String> signalName,
                             boolean coreDumped, long utimeUs, long stimeUs, long maxRssKb, long startMs, long endMs,
                             Optional<Failure> failure, Optional<String> spoolError) {

    /** The four ways a launched program ends. */
    public enum Outcome {
        /** It ran and exited; see {@code exitCode}. */
        EXITED,
        /** It ran and a signal ended it; see {@code signal}. */
        KILLED,
        /** execve failed: 127 when the file does not exist, 126 otherwise (like a shell). */
        EXEC_FAILED,
        /** A step before execve failed (cwd, identity, limits, stdio): 125, like {@code env -C}. */
        SETUP_FAILED
    }

    /**
     * A step of the child's setup that failed.
     *
     * @param stage     session, tty, stdio, rlimit, groups, gid, uid, identity, stdin, stdout, stderr, chdir or exec
     * @param errno     the errno value
     * @param errnoName e.g. {@code ENOENT}
     * @param message   strerror text, e.g. "No such file or directory"
     */
    public record Failure(String stage, int errno, String errnoName, String message) {
    }

    /** The exit code a shell would show for this ending: the code itself, or 128 + signal. */
    public int shellExitCode() {
        return exitCode.isPresent() ? exitCode.getAsInt() : 128 + signal.orElseThrow();
    }

    /** Parses a status file; a missing or malformed key is an {@link IllegalArgumentException} naming it. */
    public static ShepherdStatus parse(String text) {
        Map<String, String> kv = new HashMap<>();
        KeyValueFormat.parse(text).forEach(e -> kv.put(e.getKey(), e.getValue()));
        if (!"1".equals(kv.get("version"))) {
            throw new IllegalArgumentException("status version is " + kv.get("version") + ", this reader knows 1");
        }
        Outcome outcome;
        try {
            outcome = Outcome.valueOf(required(kv, "outcome").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status key outcome has unknown value " + kv.get("outcome"), e);
        }
        Optional<Failure> failure = Optional.empty();
        if (outcome == Outcome.EXEC_FAILED || outcome == Outcome.SETUP_FAILED) {
            failure = Optional.of(new Failure(required(kv, "error_stage"), (int) number(kv, "errno"),
                    required(kv, "errno_name"), required(kv, "error")));
        }
        boolean killed = outcome == Outcome.KILLED;
        return new ShepherdStatus(outcome,
                killed ? OptionalInt.empty() : OptionalInt.of((int) number(kv, "exit_code")),
                killed ? OptionalInt.of((int) number(kv, "signal")) : OptionalInt.empty(),
                killed ? Optional.of(required(kv, "signal_name")) : Optional.empty(),
                number(kv, "core_dumped") != 0, number(kv, "utime_us"), number(kv, "stime_us"),
                number(kv, "maxrss_kb"), number(kv, "start_ms"), number(kv, "end_ms"), failure,
                Optional.ofNullable(kv.get("spool_error")));
    }

    private static String required(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new IllegalArgumentException("status key " + key + " is missing");
        }
        return v;
    }

    private static long number(Map<String, String> kv, String key) {
        String v = required(kv, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status key " + key + " is not a number: " + v, e);
        }
    }
}
