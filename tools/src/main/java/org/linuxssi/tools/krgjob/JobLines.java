package org.linuxssi.tools.krgjob;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobState;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.ProcessExit;

/** How krgjob prints jobs: the list's columns and show's "key: value" lines. */
final class JobLines {

    static final String HEADER = String.format(Locale.ROOT, "%8s %-9s %4s %-10s %-12s %s", "JOBID", "STATE",
            "NODE", "USER", "NAME", "COMMAND");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private JobLines() {
    }

    static String row(JobStatus status) {
        Job job = status.getJob();
        return String.format(Locale.ROOT, "%8d %-9s %4s %-10s %-12s %s", job.getJobId(), state(job.getState()),
                job.getNodeId() == 0 ? "-" : Integer.toString(job.getNodeId()), status.getUser(),
                status.getJobName().isEmpty() ? "-" : status.getJobName(), status.getCommand());
    }

    static List<String> details(JobStatus status) {
        Job job = status.getJob();
        List<String> lines = new ArrayList<>();
        lines.add("id: " + job.getJobId());
        lines.add("state: " + state(job.getState()));
        lines.add("name: " + status.getJobName());
        lines.add("user: " + status.getUser());
        lines.add("command: " + status.getCommand());
        if (job.getBulk()) {
            lines.add("index: " + job.getIndex());
        }
        lines.add("session: " + job.getSessionId());
        lines.add("submitted: " + time(job.getSubmitMs()));
        if (job.getNodeId() != 0) {
            lines.add("node: " + job.getNodeId() + " (" + status.getExecHost() + ")");
        }
        if (job.getGpid() != 0) {
            lines.add("gpid: " + job.getGpid());
        }
        if (job.getAttempt() > 1) {
            lines.add("attempts: " + job.getAttempt());
        }
        if (job.getStartMs() > 0) {
            lines.add("started: " + time(job.getStartMs()));
        }
        if (job.hasExit()) {
            ProcessExit exit = job.getExit();
            if (exit.getEndMs() > 0) {
                lines.add("ended: " + time(exit.getEndMs()));
            }
            lines.add(exit.getSignal() != 0 ? "signal: " + exit.getSignalName() : "exit status: " + exit.getStatus());
            lines.add(String.format(Locale.ROOT, "cpu: %.3f s", (exit.getUserCpuUs() + exit.getSysCpuUs()) / 1e6));
            lines.add("max rss: " + exit.getMaxRssKb() + " KiB");
        }
        if (job.getAborted()) {
            lines.add("aborted: yes");
        }
        if (!job.getError().isEmpty()) {
            lines.add("error: " + job.getError());
        }
        return lines;
    }

    static String state(JobState state) {
        return switch (state) {
            case JOB_QUEUED -> "queued";
            case JOB_HELD -> "held";
            case JOB_DISPATCHED -> "starting";
            case JOB_RUNNING -> "running";
            case JOB_SUSPENDED -> "suspended";
            case JOB_DONE -> "done";
            case JOB_FAILED -> "failed";
            default -> "unknown";
        };
    }

    private static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }
}
