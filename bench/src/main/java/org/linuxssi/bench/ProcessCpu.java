package org.linuxssi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from /proc) of the processes that run a benchmark's work, read before and
 * after it: each daemon, each daemon's resident shepherd spawner (its own time, and its reaped
 * children's: the shepherds with the programs they reaped), this JVM, and the whole machine. Divided
 * by the jobs done, it says what a job costs each of them, which the machine's load changes far less
 * than its wall time.
 */
final class ProcessCpu {

    /** The bench's own JVM, the client of the work. */
    static final String CLIENT = "bench JVM (client)";
    /** The processes the bench's JVM started and reaped (a fork/exec baseline's children). */
    static final String CLIENT_CHILDREN = "bench JVM's children";
    /** Every CPU of the machine, busy with anything. */
    static final String MACHINE = "machine, all processes";

    /** Linux reports process times in USER_HZ, 100 per second on every architecture it runs on. */
    private static final double MILLIS_PER_TICK = 10.0;

    /** Milliseconds of CPU by name, in the order read. */
    private final Map<String, Double> millis;

    private ProcessCpu(Map<String, Double> millis) {
        this.millis = millis;
    }

    /** Reads the times of {@code daemons} (pids by node index), their spawners, this JVM and the machine. */
    static ProcessCpu read(Map<Integer, Long> daemons) throws IOException {
        Map<String, Double> millis = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> daemon : daemons.entrySet()) {
            String node = "node " + daemon.getKey();
            times(daemon.getValue()).ifPresent(t -> millis.put(node + " daemon", t[0] + t[1]));
            Optional<Long> spawner = spawnerOf(daemon.getValue());
            if (spawner.isPresent()) {
                times(spawner.get()).ifPresent(t -> {
                    millis.put(node + " spawner", t[0] + t[1]);
                    millis.put(node + " shepherds + programs", t[2] + t[3]);
                });
            }
        }
        times(ProcessHandle.current().pid()).ifPresent(t -> {
            millis.put(CLIENT, t[0] + t[1]);
            millis.put(CLIENT_CHILDREN, t[2] + t[3]);
        });
        millis.put(MACHINE, machineBusy());
        return new ProcessCpu(millis);
    }

    /** Milliseconds per unit of work between {@code before} and this reading, by name. */
    Map<String, Double> perUnitSince(ProcessCpu before, int units) {
        Map<String, Double> per = new LinkedHashMap<>();
        millis.forEach((name, value) -> {
            Double start = before.millis.get(name);
            if (start != null) {
                per.put(name, (value - start) / units);
            }
        });
        return per;
    }

    /** utime, stime, cutime, cstime in milliseconds. */
    private static Optional<double[]> times(long pid) {
        try {
            ProcStat stat = ProcStat.of(pid);
            double[] t = new double[4];
            for (int i = 0; i < 4; i++) {
                t[i] = stat.field(14 + i) * MILLIS_PER_TICK;
            }
            return Optional.of(t);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The daemon's child running {@code linuxssi-shepherd --serve}. */
    private static Optional<Long> spawnerOf(long daemon) {
        return ProcessHandle.of(daemon).stream().flatMap(ProcessHandle::children)
                .filter(child -> child.info().arguments().map(List::of).map(a -> a.contains("--serve"))
                        .orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    /** Milliseconds of CPU the whole machine spent busy (all CPUs, everything but idle and iowait). */
    private static double machineBusy() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElseThrow();
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy * MILLIS_PER_TICK;
        }
    }
}
