package org.linuxssi.node.drmaa;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobState;
import org.linuxssi.api.v1.JobTemplate;
import org.linuxssi.api.v1.ProcessExit;

/**
 * The mail that reports a job's end to the addresses of its DRMAA {@code email} attribute, in the
 * spirit of Grid Engine's: headers for {@code sendmail -t}, then what {@code JobInfo} would say.
 */
final class JobMail {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private JobMail() {
    }

    static String of(Job job, JobTemplate template) {
        String name = template.getJobName().isEmpty() ? "" : " (" + template.getJobName() + ")";
        StringBuilder text = new StringBuilder();
        text.append("To: ").append(String.join(", ", template.getEmailList())).append('\n');
        text.append("Subject: LinuxSSI job ").append(job.getJobId()).append(name).append(' ')
                .append(outcome(job)).append('\n');
        text.append('\n');
        text.append("Job ").append(job.getJobId()).append(name).append(" of user ").append(template.getUser())
                .append(' ').append(outcome(job)).append(".\n\n");
        line(text, "Command", String.join(" ", template.getArgvList()));
        line(text, "State", job.getState() == JobState.JOB_DONE ? "DONE" : "FAILED");
        ProcessExit exit = job.getExit();
        if (job.hasExit() && exit.getSignal() != 0) {
            line(text, "Signal", exit.getSignalName() + (exit.getCoreDumped() ? " (core dumped)" : ""));
        } else if (job.hasExit() && exit.getError().isEmpty()) {
            line(text, "Exit status", Integer.toString(exit.getExitCode()));
        }
        if (job.getAborted()) {
            line(text, "Aborted", job.getTerminated() ? "terminated by request" : "yes, it never ended by itself");
        }
        if (!job.getError().isEmpty()) {
            line(text, "Error", job.getError());
        } else if (job.hasExit() && !exit.getError().isEmpty()) {
            line(text, "Error", exit.getError());
        }
        if (job.getNodeId() != 0) {
            line(text, "Node", Integer.toString(job.getNodeId()));
        }
        line(text, "Submitted", time(job.getSubmitMs()));
        if (job.hasExit() && exit.getStartMs() > 0) {
            line(text, "Started", time(exit.getStartMs()));
            line(text, "Ended", time(exit.getEndMs()));
            line(text, "Wall clock", seconds((exit.getEndMs() - exit.getStartMs()) * 1000));
            line(text, "CPU time", "user " + seconds(exit.getUserCpuUs()) + ", system " + seconds(exit.getSysCpuUs()));
            line(text, "Max RSS", exit.getMaxRssKb() + " KB");
        }
        return text.toString();
    }

    private static String outcome(Job job) {
        ProcessExit exit = job.getExit();
        if (job.getState() == JobState.JOB_DONE && job.hasExit()) {
            return exit.getSignal() != 0 ? "was killed by " + exit.getSignalName()
                    : "ended with exit status " + exit.getExitCode();
        }
        return job.getAborted() ? "was aborted" : "failed";
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-12s %s%n", label + ":", value));
    }

    private static String time(long ms) {
        return ms <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(ms));
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000.0);
    }
}
