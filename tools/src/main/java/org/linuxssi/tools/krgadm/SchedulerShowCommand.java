package org.linuxssi.tools.krgadm;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.GetSchedulerRequest;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.ProtoJson;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krgadm scheduler show}: {@code policy: least_loaded}, the policies the daemon knows, the balancer. */
@Command(name = "show", description = "Print the cluster's default placement policy, the available ones, and "
        + "whether the load balancer is on.")
final class SchedulerShowCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Option(names = "--json", description = "Print the daemon's reply as one JSON document.")
    private boolean json;

    SchedulerShowCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        SchedulerSettings settings;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            settings = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.getScheduler(GetSchedulerRequest.getDefaultInstance()));
        }
        if (json) {
            invocation.out().println(ProtoJson.print(settings));
        } else {
            print(settings, invocation.out());
        }
        return ExitCode.OK;
    }

    /** {@code policy: NAME}, {@code available: A B C} when the daemon listed them, then {@code balancer: on|off}. */
    static void print(SchedulerSettings settings, PrintStream out) {
        out.println("policy: " + settings.getPolicy());
        if (settings.getAvailablePoliciesCount() > 0) {
            out.println("available: " + String.join(" ", settings.getAvailablePoliciesList()));
        }
        if (settings.getBalancer() != BalancerMode.BALANCER_UNSET) {
            out.println("balancer: " + onOff(settings.getBalancer()));
        }
    }

    static String onOff(BalancerMode mode) {
        return mode == BalancerMode.BALANCER_ON ? "on" : "off";
    }
}
