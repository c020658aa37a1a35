package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.linuxssi.api.v1.Resources;
import org.linuxssi.api.v1.RunnableProcess;

/**
 * Reads this machine's CPUs, load average, memory and uptime from /proc, this node's runnable LinuxSSI
 * processes, and adds what was found at start about checkpointing (criu), so every heartbeat carries it.
 */
public final class LoadProbe {

    private final Path proc;
    private final String criu;
    private final Supplier<List<RunnableProcess>> runnable;

    public LoadProbe(Path proc, String criu) {
        this(proc, criu, List::of);
    }

    public LoadProbe(Path proc, String criu, Supplier<List<RunnableProcess>> runnable) {
        this.proc = proc;
        this.criu = criu;
        this.runnable = runnable;
    }

    /** This machine's /proc, and the runnable LinuxSSI processes {@code runnable} finds. */
    public static LoadProbe system(String criu, RunnableProbe runnable) {
        return new LoadProbe(Path.of("/proc"), criu, runnable::read);
    }

    public Resources read() {
        Resources.Builder resources = Resources.newBuilder().setCpus(Runtime.getRuntime().availableProcessors())
                .setCriu(criu).addAllRunnable(runnable.get());
        String[] load = first(proc.resolve("loadavg")).split("\\s+");
        if (load.length >= 3) {
            resources.setLoad1(number(load[0])).setLoad5(number(load[1])).setLoad15(number(load[2]));
        }
        for (String line : lines(proc.resolve("meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                resources.setMemTotalKb(kilobytes(line));
            } else if (line.startsWith("MemAvailable:")) {
                resources.setMemFreeKb(kilobytes(line));
            }
        }
        String[] uptime = first(proc.resolve("uptime")).split("\\s+");
        if (uptime.length >= 1) {
            resources.setUptimeSeconds(number(uptime[0]));
        }
        return resources.build();
    }

    private static long kilobytes(String line) {
        String[] parts = line.split("\\s+");
        return parts.length >= 2 ? (long) number(parts[1]) : 0;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String first(Path file) {
        var lines = lines(file);
        return lines.length == 0 ? "" : lines[0].trim();
    }

    private static String[] lines(Path file) {
        try {
            return Files.readString(file).split("\n");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
