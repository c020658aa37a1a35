package org.linuxssi.tools.krgjob;

import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code krgjob wait ID}: waits for the job to finish, forgets it, and exits with its status as a
 * shell would (128 + N for signal N); a job that failed to run prints why and exits 1.
 */
@Command(name = "wait", description = {"Waits until the job has finished, then forgets it.",
        "Exits with the job's status: its exit code, or 128 + N when signal N ended it."})
final class WaitCommand implements Callable<Integer> {

    private static final long MAX_POLL_MILLIS = 500;

    private final Invocation invocation;
    private final SocketOption socket;

    @Parameters(paramLabel = "ID", converter = JobIdConverter.class, description = "The job's id.")
    private long id;

    WaitCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() throws InterruptedException {
        try (DaemonConnection daemon = socket.connect(invocation)) {
            JobService jobs = new JobService(daemon);
            long pause = 10;
            while (true) {
                ListJobsReply reply = jobs.jobs(List.of(id));
                if (reply.getJobsCount() == 0) {
                    throw ToolFailure.of(invocation, "no job " + id
                            + " (unknown, someone else's, or already waited for)");
                }
                JobStatus status = reply.getJobs(0);
                if (ListCommand.finished(status)) {
                    jobs.reap(id);
                    return exitStatus(status.getJob());
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            }
        }
    }

    private int exitStatus(Job job) {
        if (job.getAborted() || !job.getError().isEmpty()) {
            throw ToolFailure.of(invocation, "job " + id + " failed: " + job.getError());
        }
        return job.getExit().getStatus();
    }
}
