package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code krgadm scheduler set POLICY}: changes the cluster's default placement policy. */
@Command(name = "set", description = "Set the cluster's default placement policy; the daemon refuses unknown ones.")
final class SchedulerSetCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Parameters(paramLabel = "POLICY", description = "least_loaded, round_robin, pack, or another the daemon knows.")
    private String policy;

    SchedulerSetCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        SchedulerSettings request = SchedulerSettings.newBuilder().setPolicy(policy).build();
        SchedulerSettings settings;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            settings = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.setScheduler(request));
        }
        invocation.out().println("policy: " + settings.getPolicy());
        return ExitCode.OK;
    }
}
