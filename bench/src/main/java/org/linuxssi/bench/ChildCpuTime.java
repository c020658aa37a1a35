package org.linuxssi.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * CPU time (user + system) of this JVM's children that have been waited for, from /proc/self/stat:
 * what a short-lived command costs, which the machine's load changes far less than its wall time.
 */
final class ChildCpuTime {

    private ChildCpuTime() {
    }

    /** Milliseconds of CPU used by the children waited for so far. */
    static double millis() throws IOException {
        return ProcStat.read(Path.of("/proc/self/stat")).childrenCpuMillis();
    }
}
