package org.linuxssi.tools.krgjob;

import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ControlOutcome;
import org.linuxssi.api.v1.ControlReply;
import org.linuxssi.api.v1.ControlRequest;
import org.linuxssi.api.v1.DrmaaGrpc;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.api.v1.JobControlResult;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code krgjob hold|release|suspend|resume|cancel ID...}: one control action on each job; a line per refusal. */
@Command
final class ActionCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;
    private final JobAction action;

    @Parameters(arity = "1..*", paramLabel = "ID", converter = JobIdConverter.class, description = "Job ids.")
    private List<Long> ids;

    ActionCommand(Invocation invocation, SocketOption socket, JobAction action) {
        this.invocation = invocation;
        this.socket = socket;
        this.action = action;
    }

    @Override
    public Integer call() {
        ControlReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = daemon.call(DrmaaGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE, drmaa -> drmaa.control(
                    ControlRequest.newBuilder().addAllJobIds(ids).setAction(action).build()));
        }
        int status = ExitCode.OK;
        for (JobControlResult result : reply.getResultsList()) {
            if (result.getOutcome() != ControlOutcome.CONTROL_DONE) {
                invocation.err().println(invocation.tool() + ": " + result.getError());
                status = ExitCode.FAILURE;
            }
        }
        return status;
    }
}
