package org.linuxssi.tools.migrate;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.MigrateRequest;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code migrate GPID NODE}: Kerrighed's migrate, through CRIU. */
@Command(name = MigrateCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Moves a running process to another node. It keeps its global PID, and its output keeps",
                "flowing to the krgrun that started it. The process needs CAN_MIGRATE in its effective",
                "capabilities (see krgcapset); only its owner or root may move it. Both nodes need CRIU 4.0+."},
        footer = {"%nExit status: 0 when the process runs on NODE, 1 when it was not moved (the reason is",
                "printed), 2 for a wrong command line."})
public final class MigrateCommand implements Callable<Integer> {

    public static final String NAME = "migrate";
    /** Dumping and moving a large process takes a while; the daemons bound it themselves. */
    private static final Duration DEADLINE = Duration.ofMinutes(16);

    private final Invocation invocation;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Print where the process went and how long it was frozen.")
    private boolean verbose;

    @Parameters(index = "0", paramLabel = "GPID", description = "Global PID of the process (see krgps).")
    private String gpid;

    @Parameters(index = "1", paramLabel = "NODE", description = "Node id to move it to.")
    private String node;

    private MigrateCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    public static CommandLine commandLine(Invocation invocation) {
        return new CommandLine(new MigrateCommand(invocation));
    }

    @Override
    public Integer call() {
        if (!gpid.matches("[1-9][0-9]{0,17}")) {
            throw new ParameterException(spec.commandLine(), "GPID '" + gpid + "' is not a global PID (e.g. "
                    + "20004242, see krgps)");
        }
        if (!node.matches("[1-9][0-9]{0,3}") || Integer.parseInt(node) > 4094) {
            throw new ParameterException(spec.commandLine(), "NODE '" + node + "' is not a node id (1 to 4094)");
        }
        MigrateRequest request = MigrateRequest.newBuilder().setGpid(Long.parseLong(gpid))
                .setNodeId(Integer.parseInt(node)).build();
        MigrateReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = daemon.call(MobilityGrpc::newBlockingStub, DEADLINE, mobility -> mobility.migrate(request));
        }
        if (verbose) {
            invocation.out().println(String.format(Locale.ROOT,
                    "process %d migrated from node %d to node %d: frozen %d ms (migration %d ms), %.1f MB of images",
                    reply.getGpid(), reply.getFromNodeId(), reply.getToNodeId(), reply.getFreezeMs(),
                    reply.getTotalMs(), reply.getImageBytes() / 1048576.0));
        }
        return ExitCode.OK;
    }
}
