package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.ClusterStatusRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.ProtoJson;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krgadm cluster status}: "status: up on N nodes" or "status: down". */
@Command(name = "status", description = "Print the cluster status: up on how many nodes, or down and why.")
final class ClusterStatusCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Option(names = "--json", description = "Print the daemon's whole reply as one JSON document.")
    private boolean json;

    ClusterStatusCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        try (DaemonConnection daemon = socket.connect(invocation)) {
            ClusterStatusReply reply = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.getClusterStatus(ClusterStatusRequest.getDefaultInstance()));
            invocation.out().println(json ? ProtoJson.print(reply) : statusLine(reply));
            return ExitCode.OK;
        }
    }

    /** Kerrighed's wording, "nodes" even for one node; a down cluster also says why when the daemon knows. */
    static String statusLine(ClusterStatusReply reply) {
        if (reply.getUp()) {
            return "status: up on " + reply.getOnlineNodes() + " nodes";
        }
        return reply.getReason().isEmpty() ? "status: down" : "status: down (" + reply.getReason() + ")";
    }
}
