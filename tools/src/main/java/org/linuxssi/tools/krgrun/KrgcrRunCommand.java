package org.linuxssi.tools.krgrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.CapabilitiesReply;
import org.linuxssi.api.v1.CapabilitiesRequest;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusRequest;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.api.v1.SetCapabilitiesRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolFailure;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code krgcr-run [-b] [-q] [-o FILE] -- PROGRAM [ARGS...]}, Kerrighed's way to start a checkpointable
 * application: it adds CHECKPOINTABLE to its own inheritable-effective capabilities, starts PROGRAM on this node
 * through krgrun's path, and prints {@code Running application N}, N being the global PID that checkpoint takes.
 */
@Command(name = KrgcrRunCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Starts PROGRAM on this node as a checkpointable application (CHECKPOINTABLE in effect) and",
                "prints 'Running application N'; N is the application id that checkpoint takes. Without -b it",
                "then runs like krgrun: output here, stdin and signals there, and its exit status."},
        footer = {"%nA background application's stdin, stdout and stderr are /dev/null, and it ignores the hangup",
                "its launch sends when krgcr-run leaves; redirect inside the program to keep its output",
                "(krgcr-run -b -- sh -c 'prog > out.txt').",
                "%nExit status: with -b, 0 once the application runs; without, the program's own (as krgrun);",
                "1 when the daemon refused or FILE cannot be written, 2 for a wrong command line."})
public final class KrgcrRunCommand implements Callable<Integer> {

    public static final String NAME = "krgcr-run";
    /** Kerrighed's capability bit for CHECKPOINTABLE (see krgcapset). */
    static final int CHECKPOINTABLE = 1 << 4;
    /**
     * Runs the program with the hangup ignored and stdio on /dev/null, then becomes it (exec keeps its pid and its
     * global PID): what lets it outlive krgcr-run -b, whose stream ends when it leaves.
     */
    static final String DETACH = "trap '' HUP; exec \"$@\" </dev/null >/dev/null 2>&1";

    private final Invocation invocation;
    private final LocalSide local;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = "-b", description = "Start the program in the background: return once it runs.")
    private boolean background;

    @Option(names = "-o", paramLabel = "FILE", description = "Write the application id into FILE, as Kerrighed did.")
    private Path idFile;

    @Option(names = "-q", description = "Quiet: do not print 'Running application N'.")
    private boolean quiet;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program, looked up in PATH when it has no '/'.")
    private String program;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Its arguments; krgcr-run reads no option after PROGRAM.")
    private List<String> arguments = new ArrayList<>();

    private KrgcrRunCommand(Invocation invocation, LocalSide local) {
        this.invocation = invocation;
        this.local = local;
    }

    /** The command line, with options after PROGRAM left to the program. */
    public static CommandLine commandLine(Invocation invocation, LocalSide local) {
        CommandLine commandLine = new CommandLine(new KrgcrRunCommand(invocation, local));
        commandLine.setStopAtPositional(true);
        return commandLine;
    }

    @Override
    public Integer call() {
        if (program.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "PROGRAM is empty (expected a program name or path)");
        }
        // Before anything runs, as Kerrighed opened the file before exec.
        if (idFile != null) {
            writeId("");
        }
        try (DaemonConnection daemon = socket.connect(invocation)) {
            giveCheckpointable(daemon);
            int node = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.getClusterStatus(ClusterStatusRequest.getDefaultInstance())).getNodeId();
            return new RunSession(invocation, local, start(node), false, this::running, background)
                    .run(daemon.socket());
        }
    }

    /** Kerrighed's krgcr-run sets CHECKPOINTABLE in its own inheritable-effective set: its child has it in effect. */
    private void giveCheckpointable(DaemonConnection daemon) {
        long self = ProcessHandle.current().pid();
        CapabilitiesReply current = daemon.call(MobilityGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                mobility -> mobility.getCapabilities(CapabilitiesRequest.newBuilder().setPid(self).build()));
        CapabilitySets sets = current.getSets();
        if ((sets.getInheritableEffective() & CHECKPOINTABLE) != 0) {
            return;
        }
        CapabilitySets wanted = sets.toBuilder().setInheritableEffective(sets.getInheritableEffective()
                | CHECKPOINTABLE).build();
        daemon.call(MobilityGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE, mobility -> mobility
                .setCapabilities(SetCapabilitiesRequest.newBuilder().setPid(self).setSets(wanted).build()));
    }

    /** krgrun's request for this node, with krgrun's environment and working directory. */
    private RunStart start(int node) {
        List<String> argv = new ArrayList<>();
        if (background) {
            argv.addAll(List.of("sh", "-c", DETACH, NAME));
        }
        argv.add(program);
        argv.addAll(arguments);
        return KrgrunLaunch.start(new KrgrunOptions(node, null, null, List.of(), false, false, null, argv.get(0),
                argv.subList(1, argv.size())), invocation, local);
    }

    private void running(RunReply.Started started) {
        String id = Long.toUnsignedString(started.gpid());
        if (idFile != null) {
            writeId(id);
        }
        if (!quiet) {
            invocation.out().println("Running application " + id);
            invocation.out().flush();
        }
    }

    private void writeId(String id) {
        try {
            Files.writeString(idFile, id, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ToolFailure.of(invocation, "cannot write the application id to " + idFile + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
