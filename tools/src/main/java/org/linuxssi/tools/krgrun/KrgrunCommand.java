package org.linuxssi.tools.krgrun;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.NodeIdConverter;
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

/** {@code krgrun PROGRAM [ARGS...]}: runs a program somewhere in the cluster as if it ran here. */
@Command(name = KrgrunCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Runs PROGRAM on a node of the cluster as if it ran here: same user, environment and",
                "working directory; its stdout and stderr come here, stdin and signals go there, and krgrun",
                "exits with its status."},
        footer = {"%nExit status: the program's own (128+N when signal N killed it); 1 when the daemon refused,",
                "127 when the program was not found, 255 when its node was lost, 2 for a wrong command line."})
public final class KrgrunCommand implements Callable<Integer> {

    public static final String NAME = "krgrun";

    private final Invocation invocation;
    private final LocalSide local;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--node"}, paramLabel = "NODE", converter = NodeIdConverter.class,
            description = "Run on this node (1-4094) instead of where the scheduler places it.")
    private Integer node;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Placement policy for this run (least_loaded, round_robin, pack; default: the cluster's).")
    private String policy;

    @Option(names = "--mem", paramLabel = "SIZE", converter = MemorySize.Converter.class,
            description = "Memory the program needs, e.g. 512M, 2G, 1024K or bytes; only nodes with that much free.")
    private Long memBytes;

    @Option(names = {"-e", "--env"}, paramLabel = "VAR=VALUE", converter = EnvAssignment.Converter.class,
            description = "Set VAR in the program's environment (repeatable); the rest is krgrun's own.")
    private List<EnvAssignment> assignments = new ArrayList<>();

    @Option(names = {"-t", "--tty"},
            description = "Give the program a terminal: this one goes raw and forwards every key, window sizes follow.")
    private boolean tty;

    @Option(names = "--print-gpid", description = "Print the program's global PID on stderr when it starts.")
    private boolean printGpid;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program, looked up in PATH when it has no '/'.")
    private String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Its arguments; krgrun reads no option after PROGRAM.")
    private List<String> arguments = new ArrayList<>();

    private KrgrunCommand(Invocation invocation, LocalSide local) {
        this.invocation = invocation;
        this.local = local;
    }

    /** The command line, with options after PROGRAM left to the program. */
    public static CommandLine commandLine(Invocation invocation, LocalSide local) {
        CommandLine commandLine = new CommandLine(new KrgrunCommand(invocation, local));
        commandLine.setStopAtPositional(true);
        return commandLine;
    }

    @Override
    public Integer call() {
        if (program.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "PROGRAM is empty (expected a program name or path)");
        }
        return KrgrunLaunch.run(new KrgrunOptions(node, policy, memBytes, assignments, tty, printGpid, socket.given(),
                program, arguments), invocation, local);
    }
}
