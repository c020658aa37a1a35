package org.linuxssi.node.capability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A local process's parent and start time, from /proc/PID/stat; the pair names a process across pid reuse. */
public final class ProcessAncestry {

    private final Path proc;

    public ProcessAncestry(Path proc) {
        this.proc = proc;
    }

    public static ProcessAncestry system() {
        return new ProcessAncestry(Path.of("/proc"));
    }

    /** One process: its pid, its start time (clock ticks after boot) and its parent's pid. */
    public record Entry(long pid, long startTicks, long parent) {
    }

    public Optional<Entry> of(long pid) {
        String stat;
        try {
            stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return Optional.empty();
        }
        // The command in parentheses may hold spaces and parentheses: fields count from the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        // After the command: state(0) ppid(1) ... starttime(19).
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Entry(pid, Long.parseLong(fields[19]), Long.parseLong(fields[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
