package org.linuxssi.tools.krgadm;

import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.api.v1.PowerRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolFailure;

/** Stops or restarts every daemon of the cluster, printing Kerrighed's "Shutting down cluster... done". */
final class ClusterPower {

    private ClusterPower() {
    }

    /** {@code progress} is printed before the call so that the user sees what is being waited for. */
    static int run(Invocation invocation, SocketOption socket, PowerAction action, String progress) {
        try (DaemonConnection daemon = socket.connect(invocation)) {
            invocation.out().print(progress + "... ");
            invocation.out().flush();
            try {
                daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                        admin -> admin.power(PowerRequest.newBuilder().setAction(action).build()));
            } catch (ToolFailure failure) {
                // Ends the progress line; the reason follows on stderr.
                invocation.out().println("fail");
                throw failure;
            }
            invocation.out().println("done");
            return ExitCode.OK;
        }
    }
}
