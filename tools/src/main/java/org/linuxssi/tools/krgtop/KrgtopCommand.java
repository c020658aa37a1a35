package org.linuxssi.tools.krgtop;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.Terminal;
import org.linuxssi.tools.TerminalSize;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code krgtop}: top(1) for the cluster, refreshed on the terminal or printed in batches. */
@Command(name = KrgtopCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Shows the cluster's nodes, CPUs, memory and load, then its processes, busiest first,",
                "refreshed every SECONDS until q or Ctrl-C; with -b, prints the screens one after the other."},
        footer = "%nExit status: 0 success, 1 failure, 2 wrong command line.")
public final class KrgtopCommand implements Callable<Integer> {

    public static final String NAME = "krgtop";

    // Home, then clear the screen.
    static final String CLEAR = "\033[H\033[2J";

    private final Invocation invocation;
    private final LocalSide local;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-b", "--batch"}, description = "Print each screen as plain lines, for scripts and logs.")
    private boolean batch;

    @Option(names = {"-n", "--iterations"}, paramLabel = "K", description = "Stop after K screens (default: never).")
    private Integer iterations;

    @Option(names = {"-d", "--delay"}, paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between screens, fractions allowed (default: ${DEFAULT-VALUE}).")
    private double delaySeconds;

    private KrgtopCommand(Invocation invocation, LocalSide local) {
        this.invocation = invocation;
        this.local = local;
    }

    public static CommandLine commandLine(Invocation invocation, LocalSide local) {
        return new CommandLine(new KrgtopCommand(invocation, local));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (iterations != null && iterations < 1) {
            throw usage("Invalid value for option '--iterations': " + iterations + " (expected 1 or more)");
        }
        if (!(delaySeconds >= 0) || delaySeconds > 86_400) {
            throw usage("Invalid value for option '--delay': "
                    + spec.commandLine().getParseResult().matchedOption("-d").stringValues().get(0)
                    + " (expected seconds from 0 to 86400, e.g. 0.5)");
        }
        Duration delay = Duration.ofNanos((long) (delaySeconds * 1e9));
        try (DaemonConnection daemon = socket.connect(invocation)) {
            return batch ? batch(daemon, delay) : interactive(daemon, delay);
        }
    }

    private int batch(DaemonConnection daemon, Duration delay) throws InterruptedException {
        PrintStream out = invocation.out();
        for (int screen = 1; iterations == null || screen <= iterations; screen++) {
            if (screen > 1) {
                Thread.sleep(delay);
                out.println();
            }
            frame(daemon).lines(local.clock()).forEach(out::println);
            out.flush();
        }
        return ExitCode.OK;
    }

    private int interactive(DaemonConnection daemon, Duration delay) throws InterruptedException {
        PrintStream out = invocation.out();
        // Keys arrive one by one, unechoed; Ctrl-C still makes SIGINT.
        try (Terminal.Mode keys = local.terminal().change("-icanon", "-echo", "min", "1");
             QuitWatcher quit = QuitWatcher.start(local.stdin(), local.signals())) {
            for (int screen = 1; iterations == null || screen <= iterations; screen++) {
                List<String> lines = fit(frame(daemon).lines(local.clock()), local.terminal().size());
                out.print(CLEAR + String.join("\n", lines) + "\n");
                out.flush();
                if ((iterations != null && screen == iterations) || quit.awaitQuit(delay)) {
                    break;
                }
            }
        }
        return ExitCode.OK;
    }

    private TopFrame frame(DaemonConnection daemon) {
        ListNodesReply nodes = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                admin -> admin.listNodes(ListNodesRequest.getDefaultInstance()));
        ListProcessesReply processes = daemon.call(ProcessesGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                stub -> stub.listProcesses(ListProcessesRequest.getDefaultInstance()));
        return new TopFrame(nodes, processes);
    }

    /** Cuts the frame to the terminal: as many lines as fit under the cursor's last row, each at most cols wide. */
    static List<String> fit(List<String> lines, Optional<TerminalSize> size) {
        if (size.isEmpty()) {
            return lines;
        }
        int rows = Math.max(1, size.get().rows() - 1);
        int cols = size.get().cols();
        return lines.stream().limit(rows).map(line -> line.length() > cols ? line.substring(0, cols) : line).toList();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
