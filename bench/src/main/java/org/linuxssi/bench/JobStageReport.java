package org.linuxssi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the life of a DRMAA job goes: the stage lines of all daemons (node/agent/LaunchStages, with
 * {@code LINUXSSI_STAGES=DEBUG}), the leader's by job id, the target's by job id then by process once
 * {@code job J is process G} ties them, all {@code System.nanoTime}, one clock for the machine. A stage
 * logged by several daemons (a command applied everywhere) counts from the first log read: node 1's,
 * the daemon the client asks.
 */
final class JobStageReport {

    private static final Pattern STAGE = Pattern.compile("stage (\\S+) (-?\\d+) (\\d+)$");
    private static final Pattern JOB = Pattern.compile("job (\\d+) is process (\\d+)$");
    private static final String[][] STEPS = {
            {"submitted", "job-dispatched", "submitted -> dispatch committed (queued behind the others)"},
            {"job-dispatched", "job-sent", "dispatch committed -> launch sent (leader, launch slots)"},
            {"job-sent", "job-received", "launch sent -> launch thread on the target"},
            {"job-received", "job-shepherd-asked", "target: checks, claim, state directory, spec"},
            {"job-shepherd-asked", "job-shepherd-answered", "target: shepherd started, program forked (spawner)"},
            {"job-shepherd-answered", "launched", "target: record written, directory renamed"},
            {"launched", "job-announced", "target: start committed (group commit)"},
            {"job-announced", "job-answered", "started -> leader (launch slot freed)"},
            {"launched", "program-ended", "program forked -> reaped (shepherd's ms clock)"},
            {"program-ended", "exit-found", "reaped -> exit found by the exit monitor"},
            {"exit-found", "exit-recorded", "exit found -> exit committed (group commit)"},
            {"exit-found", "exit-applied", "exit found -> applied on node 1 (job DONE there)"},
            {"job-dispatched", "exit-applied", "dispatch committed -> job DONE on node 1"},
            {"submitted", "exit-applied", "submitted -> job DONE on node 1"},
    };

    private JobStageReport() {
    }

    static void print(long submittedNanos, List<Path> logs) throws IOException {
        Map<Long, Map<String, Long>> byJob = new HashMap<>();
        Map<Long, Map<String, Long>> byProcess = new HashMap<>();
        Map<Long, Long> processOf = new HashMap<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                Matcher job = JOB.matcher(line);
                if (job.find()) {
                    processOf.put(Long.parseLong(job.group(1)), Long.parseLong(job.group(2)));
                    continue;
                }
                Matcher m = STAGE.matcher(line);
                if (m.find()) {
                    String stage = m.group(1);
                    long id = Long.parseLong(m.group(2));
                    Map<Long, Map<String, Long>> table = stage.startsWith("job-") && !stage.equals("job-announced")
                            && !stage.equals("job-started") ? byJob : byProcess;
                    table.computeIfAbsent(id, k -> new HashMap<>()).putIfAbsent(stage, Long.parseLong(m.group(3)));
                }
            }
        }
        Map<String, Stats> stats = new HashMap<>();
        int complete = 0;
        for (Map.Entry<Long, Map<String, Long>> e : byJob.entrySet()) {
            Map<String, Long> at = new HashMap<>(e.getValue());
            at.put("submitted", submittedNanos);
            Long gpid = processOf.get(e.getKey());
            if (gpid != null && byProcess.containsKey(gpid)) {
                byProcess.get(gpid).forEach(at::putIfAbsent);
            }
            if (at.containsKey("exit-applied")) {
                complete++;
            }
            for (String[] step : STEPS) {
                Long from = at.get(step[0]);
                Long to = at.get(step[1]);
                if (from != null && to != null) {
                    stats.computeIfAbsent(step[2], k -> new Stats()).addNanos(to - from);
                }
            }
        }
        System.out.println("  job stages (median, p90 over " + complete + " jobs seen from dispatch to DONE):");
        for (String[] step : STEPS) {
            Stats s = stats.get(step[2]);
            System.out.printf("    %-62s %s%n", step[2], s == null ? "no samples"
                    : String.format("%8.1f ms  %8.1f ms", s.median(), s.percentile(90)));
        }
    }
}
