package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what ps shows about a process from {@code /proc/PID/stat}, {@code status} and {@code cmdline}.
 * A process may end while it is read; every reader then answers empty.
 */
public final class ProcReader {

    /** USER_HZ: the unit of the times in /proc/PID/stat, 100 on every Linux architecture in use. */
    private static final long TICKS_PER_SECOND = 100;

    private final Path proc;
    private volatile long bootTimeMs = -1;

    public ProcReader(Path proc) {
        this.proc = proc;
    }

    public static ProcReader system() {
        return new ProcReader(Path.of("/proc"));
    }

    /**
     * One process as ps sees it.
     *
     * @param stat       ps STAT letters, e.g. {@code Ss}, {@code R+}, {@code Sl}
     * @param cpuPercent CPU time over lifetime, as ps computes %CPU
     * @param command    the command line, or {@code [comm]} for kernel threads
     */
    public record Sample(long pid, int uid, String stat, long rssKb, long startMs, long cpuTimeMs, double cpuPercent,
                         String command) {
    }

    /** Every process id in /proc, ascending. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    /** The processes among {@code pids} that exist, in the same order. */
    public List<Sample> read(List<Long> pids) {
        List<Sample> samples = new ArrayList<>();
        double uptime;
        try {
            uptime = uptimeSeconds();
        } catch (IOException | RuntimeException e) {
            return samples;
        }
        for (long pid : pids) {
            read(pid, uptime).ifPresent(samples::add);
        }
        return samples;
    }

    private Optional<Sample> read(long pid, double uptime) {
        Path dir = proc.resolve(Long.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            String comm = stat.substring(stat.indexOf('(') + 1, close);
            String[] f = stat.substring(close + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            long startTicks = Long.parseLong(f[19]);
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
            long cpuMs = (utime + stime) * 1000 / TICKS_PER_SECOND;
            double elapsed = uptime - (double) startTicks / TICKS_PER_SECOND;
            double cpuPercent = elapsed > 0 ? Math.min(100.0 * Runtime.getRuntime().availableProcessors(),
                    cpuMs / 10.0 / elapsed) : 0;
            String command = command(dir).orElse("[" + comm + "]");
            return Optional.of(new Sample(pid, (int) field(status, "Uid:"), statLetters(pid, f),
                    field(status, "VmRSS:"), bootTimeMs() + startTicks * 1000 / TICKS_PER_SECOND, cpuMs,
                    Math.round(cpuPercent * 10) / 10.0, command));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The real uid of a process. */
    public Optional<Integer> uid(long pid) {
        try {
            String status = Files.readString(proc.resolve(Long.toString(pid)).resolve("status"),
                    StandardCharsets.UTF_8);
            return Optional.of((int) field(status, "Uid:"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The argument vector of a live process; empty when it is gone (or a kernel thread). */
    public List<String> arguments(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The working directory of a live process (needs the right to trace it: same user, or root). */
    public Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private Optional<String> command(Path dir) throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < end; i++) {
            if (raw[i] == 0) {
                raw[i] = ' ';
            }
        }
        return Optional.of(new String(raw, 0, end, StandardCharsets.UTF_8));
    }

    /** ps's STAT: the state, then < or N (nice), s (session leader), l (threads), + (foreground group). */
    private static String statLetters(long pid, String[] f) {
        StringBuilder letters = new StringBuilder(f[0]);
        long pgrp = Long.parseLong(f[2]);
        long session = Long.parseLong(f[3]);
        long tpgid = Long.parseLong(f[5]);
        long nice = Long.parseLong(f[16]);
        long threads = Long.parseLong(f[17]);
        if (nice < 0) {
            letters.append('<');
        } else if (nice > 0) {
            letters.append('N');
        }
        if (session == pid) {
            letters.append('s');
        }
        if (threads > 1) {
            letters.append('l');
        }
        if (tpgid > 0 && tpgid == pgrp) {
            letters.append('+');
        }
        return letters.toString();
    }

    private static long field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    private double uptimeSeconds() throws IOException {
        return Double.parseDouble(Files.readString(proc.resolve("uptime")).trim().split("\\s+")[0]);
    }

    private long bootTimeMs() throws IOException {
        if (bootTimeMs < 0) {
            for (String line : Files.readAllLines(proc.resolve("stat"))) {
                if (line.startsWith("btime ")) {
                    bootTimeMs = Long.parseLong(line.substring(6).trim()) * 1000;
                }
            }
        }
        return Math.max(0, bootTimeMs);
    }
}
