package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;

/** {@code krgadm cluster reboot}: restarts linuxssid on every node of the cluster. */
@Command(name = "reboot", description = "Restart LinuxSSI on all nodes in the cluster.")
final class ClusterRebootCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    ClusterRebootCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        return ClusterPower.run(invocation, socket, PowerAction.REBOOT, "Rebooting cluster");
    }
}
