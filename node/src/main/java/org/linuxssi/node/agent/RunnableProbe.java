package org.linuxssi.node.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.linuxssi.api.v1.RunnableProcess;

/**
 * Finds this node's LinuxSSI processes that are runnable now (ps state R) and the CPUs each used since the
 * previous reading: the per-node load the balancer needs, which reacts within one heartbeat where load1 takes a
 * minute, and which stays per node when several nodes share one machine (tests). Called from the heartbeat
 * thread only.
 */
public final class RunnableProbe {

    /** At most this many processes per reading, the busiest first: bounds a heartbeat's size. */
    static final int MAX_LISTED = 1024;

    private record CpuReading(long cpuTimeMs, long atMs) {
    }

    private final LocalProcessTable table;
    private final ProcReader proc;
    private final LongSupplier clockMs;
    private Map<Long, CpuReading> previous = new HashMap<>();

    public RunnableProbe(LocalProcessTable table, ProcReader proc, LongSupplier clockMs) {
        this.table = table;
        this.proc = proc;
        this.clockMs = clockMs;
    }

    public List<RunnableProcess> read() {
        Map<Long, LocalProcess> byPid = new HashMap<>();
        for (LocalProcess process : table.running()) {
            byPid.put(process.childPid(), process);
        }
        long now = clockMs.getAsLong();
        Map<Long, CpuReading> current = new HashMap<>();
        List<RunnableProcess> runnable = new ArrayList<>();
        for (ProcReader.Sample sample : proc.read(List.copyOf(byPid.keySet()))) {
            long gpid = byPid.get(sample.pid()).gpid();
            CpuReading before = previous.get(gpid);
            current.put(gpid, new CpuReading(sample.cpuTimeMs(), now));
            if (!sample.stat().startsWith("R")) {
                continue;
            }
            double cpu = before == null || now <= before.atMs() ? 0
                    : Math.max(0, sample.cpuTimeMs() - before.cpuTimeMs()) / (double) (now - before.atMs());
            runnable.add(RunnableProcess.newBuilder().setGpid(gpid).setCpu(Math.round(cpu * 100) / 100.0).build());
        }
        previous = current;
        runnable.sort((a, b) -> Double.compare(b.getCpu(), a.getCpu()));
        return runnable.size() > MAX_LISTED ? List.copyOf(runnable.subList(0, MAX_LISTED)) : runnable;
    }
}
