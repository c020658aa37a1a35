package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code krgadm nodes}: alone it means {@code nodes status}, as in Kerrighed. */
@Command(name = "nodes", description = "Nodes mode: status (the default), add, del.")
final class NodesCommand implements Callable<Integer> {

    private final NodesStatusCommand status;

    NodesCommand(NodesStatusCommand status) {
        this.status = status;
    }

    @Override
    public Integer call() {
        return status.call();
    }
}
