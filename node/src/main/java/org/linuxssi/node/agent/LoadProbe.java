package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.linuxssi.api.v1.Resources;

/**
 * Reads this machine's CPUs, load average, memory and uptime from /proc, and adds what was found
 * at start about checkpointing (criu), so every heartbeat carries it.
 */
public final class LoadProbe {

    private final Path proc;
    private final String criu;

    public LoadProbe(Path proc, String criu) {
        this.proc = proc;
        this.criu = criu;
    }

    public static LoadProbe system(String criu) {
        return new LoadProbe(Path.of("/proc"), criu);
    }

    public Resources read() {
        Resources.Builder resources = Resources.newBuilder().setCpus(Runtime.getRuntime().availableProcessors())
                .setCriu(criu);
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
