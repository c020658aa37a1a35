package org.linuxssi.tools.krgjob;

import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code krgjob show ID}: everything the cluster knows of one job, one "key: value" per line. */
@Command(name = "show", description = "Shows one job: state, node, times, exit status, resource usage, errors.")
final class ShowCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Parameters(paramLabel = "ID", converter = JobIdConverter.class, description = "The job's id.")
    private long id;

    ShowCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        ListJobsReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = new JobService(daemon).jobs(List.of(id));
        }
        if (reply.getJobsCount() == 0) {
            throw ToolFailure.of(invocation, "no job " + id + " (unknown, someone else's, or already waited for)");
        }
        JobLines.details(reply.getJobs(0)).forEach(invocation.out()::println);
        return ExitCode.OK;
    }
}
