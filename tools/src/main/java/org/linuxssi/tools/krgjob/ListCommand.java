package org.linuxssi.tools.krgjob;

import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krgjob list}: your jobs of every session (DRMAA programs' too), oldest first. */
@Command(name = "list", description = {"Lists your jobs that have not finished, oldest first (root: everyone's).",
        "Columns: JOBID, STATE (queued, held, starting, running, suspended, done, failed), NODE, USER, NAME, COMMAND."})
final class ListCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Option(names = {"-a", "--all"}, description = "Also the finished jobs nobody has waited for yet.")
    private boolean all;

    ListCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        ListJobsReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = new JobService(daemon).jobs(List.of());
        }
        invocation.out().println(JobLines.HEADER);
        for (JobStatus status : reply.getJobsList()) {
            if (all || !finished(status)) {
                invocation.out().println(JobLines.row(status));
            }
        }
        return ExitCode.OK;
    }

    static boolean finished(JobStatus status) {
        return switch (status.getJob().getState()) {
            case JOB_DONE, JOB_FAILED -> true;
            default -> false;
        };
    }
}
