package org.linuxssi.tools.krgadm;

import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code krgadm scheduler set POLICY} changes the cluster's default placement policy; {@code krgadm scheduler set
 * balancer on|off} starts or stops the load balancer. Both are kept in the replicated state.
 */
@Command(name = "set", description = {"Set the cluster's default placement policy, or turn the load balancer on or "
        + "off; the daemon refuses unknown policies.",
        "  krgadm scheduler set POLICY", "  krgadm scheduler set balancer on|off"})
final class SchedulerSetCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "POLICY|balancer", arity = "1..2",
            description = "least_loaded, round_robin, pack, or another the daemon knows; or 'balancer on|off'.")
    private List<String> words;

    SchedulerSetCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        SchedulerSettings request = request();
        SchedulerSettings settings;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            settings = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.setScheduler(request));
        }
        if (request.getBalancer() != BalancerMode.BALANCER_UNSET) {
            invocation.out().println("balancer: " + SchedulerShowCommand.onOff(settings.getBalancer()));
        } else {
            invocation.out().println("policy: " + settings.getPolicy());
        }
        return ExitCode.OK;
    }

    private SchedulerSettings request() {
        if (!"balancer".equals(words.getFirst())) {
            if (words.size() > 1) {
                throw new ParameterException(spec.commandLine(), "unexpected '" + words.get(1) + "' after policy "
                        + words.getFirst() + " (krgadm scheduler set POLICY, or krgadm scheduler set balancer on|off)");
            }
            return SchedulerSettings.newBuilder().setPolicy(words.getFirst()).build();
        }
        String mode = words.size() > 1 ? words.get(1) : "";
        return switch (mode) {
            case "on" -> SchedulerSettings.newBuilder().setBalancer(BalancerMode.BALANCER_ON).build();
            case "off" -> SchedulerSettings.newBuilder().setBalancer(BalancerMode.BALANCER_OFF).build();
            default -> throw new ParameterException(spec.commandLine(), (mode.isEmpty() ? "missing balancer mode"
                    : "balancer mode '" + mode + "' is not allowed") + " (allowed: on, off)");
        };
    }
}
