package org.linuxssi.drmaa;

import java.util.LinkedHashMap;
import java.util.Map;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.ProcessExit;
import org.ggf.drmaa.JobInfo;

/**
 * How a LinuxSSI job ended. Resource usage: {@code cpu} (user + system seconds), {@code mem}
 * (largest resident set, bytes), {@code wallclock} (seconds run), {@code submission_time},
 * {@code start_time}, {@code end_time} (seconds since the epoch, with milliseconds) and
 * {@code exec_host} (the node's address), as far as the job got.
 */
public final class LinuxSsiJobInfo implements JobInfo {

    private final String jobId;
    private final Job job;
    private final Map<String, String> usage;

    LinuxSsiJobInfo(JobStatus status) {
        this.job = status.getJob();
        this.jobId = Long.toString(job.getJobId());
        this.usage = usage(status);
    }

    private static Map<String, String> usage(JobStatus status) {
        Job job = status.getJob();
        ProcessExit exit = job.getExit();
        Map<String, String> usage = new LinkedHashMap<>();
        usage.put("submission_time", seconds(job.getSubmitMs()));
        if (job.getStartMs() > 0) {
            long end = exit.getEndMs() > 0 ? exit.getEndMs() : job.getStartMs();
            usage.put("start_time", seconds(job.getStartMs()));
            usage.put("end_time", seconds(end));
            usage.put("wallclock", seconds(end - job.getStartMs()));
            usage.put("cpu", String.format(java.util.Locale.ROOT, "%.6f",
                    (exit.getUserCpuUs() + exit.getSysCpuUs()) / 1e6));
            usage.put("mem", Long.toString(exit.getMaxRssKb() * 1024));
        }
        if (!status.getExecHost().isEmpty()) {
            usage.put("exec_host", status.getExecHost());
        }
        return usage;
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    @Override
    public String getJobId() {
        return jobId;
    }

    @Override
    public Map<String, String> getResourceUsage() {
        return usage.isEmpty() ? null : new LinkedHashMap<>(usage);
    }

    @Override
    public boolean hasExited() {
        return !job.getAborted() && job.getStartMs() > 0 && job.getExit().getSignal() == 0
                && job.getExit().getError().isEmpty();
    }

    @Override
    public int getExitStatus() {
        if (!hasExited()) {
            throw new IllegalStateException("job " + jobId + " did not exit by itself");
        }
        return job.getExit().getExitCode();
    }

    @Override
    public boolean hasSignaled() {
        return job.getExit().getSignal() != 0;
    }

    @Override
    public String getTerminatingSignal() {
        if (!hasSignaled()) {
            throw new IllegalStateException("job " + jobId + " was not ended by a signal");
        }
        return job.getExit().getSignalName();
    }

    @Override
    public boolean hasCoreDump() {
        if (!hasSignaled()) {
            throw new IllegalStateException("job " + jobId + " was not ended by a signal");
        }
        return job.getExit().getCoreDumped();
    }

    @Override
    public boolean wasAborted() {
        return job.getAborted();
    }

    @Override
    public String toString() {
        return "job " + jobId + (hasExited() ? " exited " + job.getExit().getExitCode()
                : hasSignaled() ? " killed by " + job.getExit().getSignalName() : " aborted");
    }
}
