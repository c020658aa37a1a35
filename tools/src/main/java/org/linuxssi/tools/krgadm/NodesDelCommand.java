package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code krgadm nodes del}: removes online nodes from the cluster; they stay present. */
@Command(name = "del", description = "Remove nodes from the running cluster (they stay present).")
final class NodesDelCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Mixin
    private NodeSelection selection;

    NodesDelCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        return NodeChangeReport.change(invocation, socket, selection, (admin, request) -> admin.removeNodes(request),
                "Removing nodes", "No online node to remove.");
    }
}
