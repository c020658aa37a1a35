package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.linuxssi.api.v1.RunnableProcess;

/**
 * Finds this node's LinuxSSI processes that are runnable now (state R) and the CPUs each used since the
 * previous reading: the per-node load the balancer needs, which reacts within one heartbeat where load1 takes a
 * minute, and which stays per node when several nodes share one machine (tests). Reads one file per process
 * (/proc/PID/stat), as it runs at every heartbeat. Called from the heartbeat thread only.
 */
public final class RunnableProbe {

    /** At most this many processes per reading, the busiest first: bounds a heartbeat's size. */
    static final int MAX_LISTED = 1024;
    /** USER_HZ, as ProcReader assumes. */
    private static final long TICKS_PER_SECOND = 100;

    private record CpuReading(long cpuTimeMs, long atMs) {
    }

    private record Stat(boolean runnable, long cpuTimeMs) {
    }

    private final LocalProcessTable table;
    private final Path proc;
    private final LongSupplier clockMs;
    private Map<Long, CpuReading> previous = new HashMap<>();

    public RunnableProbe(LocalProcessTable table, Path proc, LongSupplier clockMs) {
        this.table = table;
        this.proc = proc;
        this.clockMs = clockMs;
    }

    public List<RunnableProcess> read() {
        long now = clockMs.getAsLong();
        Map<Long, CpuReading> current = new HashMap<>();
        List<RunnableProcess> runnable = new ArrayList<>();
        for (LocalProcess process : table.running()) {
            Stat stat = stat(process.childPid());
            if (stat == null) {
                continue;
            }
            CpuReading before = previous.get(process.gpid());
            current.put(process.gpid(), new CpuReading(stat.cpuTimeMs(), now));
            if (!stat.runnable()) {
                continue;
            }
            double cpu = before == null || now <= before.atMs() ? 0
                    : Math.max(0, stat.cpuTimeMs() - before.cpuTimeMs()) / (double) (now - before.atMs());
            runnable.add(RunnableProcess.newBuilder().setGpid(process.gpid()).setCpu(Math.round(cpu * 100) / 100.0)
                    .build());
        }
        previous = current;
        runnable.sort((a, b) -> Double.compare(b.getCpu(), a.getCpu()));
        return runnable.size() > MAX_LISTED ? List.copyOf(runnable.subList(0, MAX_LISTED)) : runnable;
    }

    /** State and CPU time from /proc/PID/stat; null when the process is gone. */
    private Stat stat(long pid) {
        try {
            String text = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // The command may hold spaces and parentheses: the fields start after the last ')'.
            String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return new Stat(f[0].equals("R"), ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
