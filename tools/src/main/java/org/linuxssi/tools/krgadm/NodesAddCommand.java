package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code krgadm nodes add}: admits present nodes into the cluster. */
@Command(name = "add", description = "Add present nodes to the running cluster.")
final class NodesAddCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Mixin
    private NodeSelection selection;

    NodesAddCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        return NodeChangeReport.change(invocation, socket, selection, (admin, request) -> admin.addNodes(request),
                "Adding nodes", "No present node to add.");
    }
}
