package org.linuxssi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One line of {@code /proc/PID/stat} or {@code /proc/PID/task/TID/stat} (proc(5)): the command name, and the
 * CPU times, which Linux counts in USER_HZ, 100 per second on every architecture it runs on.
 */
record ProcStat(String name, String[] fields) {

    private static final double MILLIS_PER_TICK = 10.0;

    static ProcStat read(Path stat) throws IOException {
        String line = Files.readString(stat);
        // The name is in parentheses and may hold spaces; the fields after it start with state, field 3.
        return new ProcStat(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')),
                line.substring(line.lastIndexOf(')') + 2).split(" "));
    }

    static ProcStat of(long pid) throws IOException {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Field {@code number} as proc(5) numbers them (utime is 14). */
    long field(int number) {
        return Long.parseLong(fields[number - 3]);
    }

    /** utime + stime in milliseconds. */
    double cpuMillis() {
        return (field(14) + field(15)) * MILLIS_PER_TICK;
    }

    /** cutime + cstime in milliseconds: the children waited for. */
    double childrenCpuMillis() {
        return (field(16) + field(17)) * MILLIS_PER_TICK;
    }
}
