package org.linuxssi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of this JVM's children that have been waited for, from /proc/self/stat:
 * what a short-lived command costs, which the machine's load changes far less than its wall time.
 */
final class ChildCpuTime {

    /** Linux reports cutime and cstime in USER_HZ, 100 per second on every architecture it runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    private ChildCpuTime() {
    }

    /** Milliseconds of CPU used by the children waited for so far. */
    static double millis() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long cutime = Long.parseLong(fields[16 - 3]);
        long cstime = Long.parseLong(fields[17 - 3]);
        return (cutime + cstime) * MILLIS_PER_TICK;
    }
}
