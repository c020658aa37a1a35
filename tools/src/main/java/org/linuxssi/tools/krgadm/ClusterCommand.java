package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code krgadm cluster}: alone it means {@code cluster status}, as in Kerrighed. */
@Command(name = "cluster", description = "Cluster mode: status (the default), poweroff, reboot, init.")
final class ClusterCommand implements Callable<Integer> {

    private final ClusterStatusCommand status;

    ClusterCommand(ClusterStatusCommand status) {
        this.status = status;
    }

    @Override
    public Integer call() {
        return status.call();
    }
}
