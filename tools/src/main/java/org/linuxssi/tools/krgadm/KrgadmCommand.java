package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The krgadm command tree: cluster, nodes and node modes, as in Kerrighed 3.0, plus cluster init,
 * node configure and scheduler.
 */
@Command(name = KrgadmCommand.NAME, scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.class, sortOptions = false,
        description = "Administers a LinuxSSI cluster: its status, nodes and scheduler, and this node's configuration.",
        footer = KrgadmCommand.EXIT_STATUS)
public final class KrgadmCommand implements Callable<Integer> {

    public static final String NAME = "krgadm";

    static final String EXIT_STATUS = "%nExit status: 0 success, 1 failure, 2 wrong command line.";
    static final String NODE_STATES = "%nNode states:"
            + "%n  present   daemon up, available for integrating the cluster"
            + "%n  online    participating in the cluster"
            + "%n  down      was online, stopped answering";

    // The instance the subcommands read: picocli fills it from --socket wherever on the line it stands.
    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    private KrgadmCommand(SocketOption socket) {
        this.socket = socket;
    }

    /** The whole tree, with every command printing to the invocation's streams. */
    public static CommandLine commandLine(Invocation invocation) {
        SocketOption socket = new SocketOption();
        CommandLine krgadm = new CommandLine(new KrgadmCommand(socket));

        // Parents are attached before their children so that the inherited options reach every level.
        ClusterStatusCommand clusterStatus = new ClusterStatusCommand(invocation, socket);
        krgadm.addSubcommand(new ClusterCommand(clusterStatus));
        CommandLine cluster = krgadm.getSubcommands().get("cluster");
        cluster.addSubcommand(clusterStatus);
        cluster.addSubcommand(new ClusterPoweroffCommand(invocation, socket));
        cluster.addSubcommand(new ClusterRebootCommand(invocation, socket));
        cluster.addSubcommand(new ClusterInitCommand(invocation, socket));

        NodesStatusCommand nodesStatus = new NodesStatusCommand(invocation, socket);
        krgadm.addSubcommand(new NodesCommand(nodesStatus));
        CommandLine nodes = krgadm.getSubcommands().get("nodes");
        nodes.addSubcommand(nodesStatus);
        nodes.addSubcommand(new NodesAddCommand(invocation, socket));
        nodes.addSubcommand(new NodesDelCommand(invocation, socket));

        SchedulerShowCommand schedulerShow = new SchedulerShowCommand(invocation, socket);
        krgadm.addSubcommand(new SchedulerCommand(schedulerShow));
        CommandLine scheduler = krgadm.getSubcommands().get("scheduler");
        scheduler.addSubcommand(schedulerShow);
        scheduler.addSubcommand(new SchedulerSetCommand(invocation, socket));

        krgadm.addSubcommand(new NodeCommand());
        krgadm.getSubcommands().get("node").addSubcommand(new NodeConfigureCommand(invocation));

        // Set last: an annotation footer would be inherited by every subcommand.
        krgadm.getCommandSpec().usageMessage().footer(NODE_STATES, EXIT_STATUS);
        return krgadm;
    }

    /** Like Kerrighed's krgadm, no arguments at all print the help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
