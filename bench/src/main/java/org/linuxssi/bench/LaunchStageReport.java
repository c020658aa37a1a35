package org.linuxssi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time of a remote launch goes: the client's own timestamps (sent, {@code started}
 * received, {@code exit} received) lined up with the target daemon's stage lines (node/agent/
 * LaunchStages), all {@code System.nanoTime}, one clock for the machine. Launches are sequential, so
 * a stage belongs to the launch whose send precedes it.
 */
final class LaunchStageReport {

    private static final Pattern STAGE = Pattern.compile("stage (\\S+) (-?\\d+) (\\d+)$");
    /** Consecutive points of one launch: name, and whether the client (true) or the target took it. */
    private static final String[][] STEPS = {
            {"sent", "received", "client sent -> target received (origin daemon, gRPC)"},
            {"received", "launching", "target: hand-off to the launch thread"},
            {"launching", "shepherd-asked", "target: checks, state directory, spec"},
            {"shepherd-asked", "shepherd-answered", "target: shepherd started, program forked"},
            {"shepherd-answered", "launched", "target: record written, directory renamed"},
            {"launched", "relaying", "target: announced, watched, relay started"},
            {"relaying", "started", "'started' -> client (via the origin)"},
            {"shepherd-asked", "program-started", "shepherd asked -> program forked (ms clock)"},
            {"program-started", "program-ended", "program ran: exec, exit, reaped (ms clock)"},
            {"program-ended", "status-seen", "reaped -> status seen by inotify (ms clock)"},
            {"relaying", "status-seen", "relay started -> status seen"},
            {"status-seen", "exit-sent", "target: relay woken, spools read, exit handed to gRPC"},
            {"exit-sent", "exit", "'exit' -> client (via the origin)"},
            {"sent", "exit", "total"},
    };

    private LaunchStageReport() {
    }

    static void print(List<long[]> client, Path targetLog) throws IOException {
        List<String[]> events = new ArrayList<>();
        for (String line : Files.readAllLines(targetLog)) {
            Matcher m = STAGE.matcher(line);
            if (m.find()) {
                events.add(new String[] {m.group(1), m.group(3)});
            }
        }
        Map<String, Stats> stats = new HashMap<>();
        int e = 0;
        for (int i = 0; i < client.size(); i++) {
            long[] c = client.get(i);
            long until = i + 1 < client.size() ? client.get(i + 1)[0] : Long.MAX_VALUE;
            Map<String, Long> at = new HashMap<>(Map.of("sent", c[0], "started", c[1], "exit", c[2]));
            while (e < events.size() && Long.parseLong(events.get(e)[1]) < c[0]) {
                e++;
            }
            while (e < events.size() && Long.parseLong(events.get(e)[1]) < until) {
                at.putIfAbsent(events.get(e)[0], Long.parseLong(events.get(e)[1]));
                e++;
            }
            for (String[] step : STEPS) {
                Long from = at.get(step[0]);
                Long to = at.get(step[1]);
                if (from != null && to != null) {
                    stats.computeIfAbsent(step[2], k -> new Stats()).addNanos(to - from);
                }
            }
        }
        System.out.println("  stages (median, p90 over " + client.size() + " launches; target " + targetLog + "):");
        for (String[] step : STEPS) {
            Stats s = stats.get(step[2]);
            System.out.printf("    %-58s %s%n", step[2], s == null ? "no samples"
                    : String.format("%6.2f ms  %6.2f ms", s.median(), s.percentile(90)));
        }
    }
}
