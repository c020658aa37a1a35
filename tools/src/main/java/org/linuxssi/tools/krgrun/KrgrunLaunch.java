package org.linuxssi.tools.krgrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.linuxssi.tools.FailureReport;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.SocketOption;

/**
 * A parsed krgrun command line put to work: the start request and the run. Free of picocli (unlike
 * {@link KrgrunCommand}, whose annotations make the JVM load and verify picocli's classes), so that
 * the usual command lines never touch picocli.
 */
public final class KrgrunLaunch {

    private KrgrunLaunch() {
    }

    /**
     * Starts opening the daemon's socket on another thread (see {@link EarlySocket}): the first thing
     * krgrun's main does, before it reads its command line.
     */
    public static void openSocketEarly() {
        EarlySocket.start();
    }

    /**
     * Runs a command line {@link QuickCommandLine} reads, with the error handling of
     * {@link org.linuxssi.tools.ToolCommandLine}: a failure is one line on stderr and its exit code.
     *
     * @return the exit code, or empty when the command line is picocli's to read
     */
    public static OptionalInt runWithoutPicocli(String[] args, Invocation invocation, LocalSide local) {
        Optional<KrgrunOptions> options = QuickCommandLine.parse(args);
        if (options.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(run(options.get(), invocation, local));
        } catch (RuntimeException e) {
            return OptionalInt.of(FailureReport.report(invocation, e));
        } finally {
            invocation.out().flush();
            invocation.err().flush();
        }
    }

    /**
     * Runs parsed options, from picocli or from {@link QuickCommandLine}.
     *
     * @return the program's status, or krgrun's own code
     * @throws org.linuxssi.tools.ToolFailure when the program did not start
     */
    static int run(KrgrunOptions options, Invocation invocation, LocalSide local) {
        RunStart start = start(options, invocation, local);
        Path socket = options.socket() != null ? options.socket() : SocketOption.resolve(null, invocation.env());
        return new RunSession(invocation, local, start, options.printGpid()).run(socket);
    }

    /** What to run: the program, krgrun's environment and working directory, and the placement asked for. */
    static RunStart start(KrgrunOptions options, Invocation invocation, LocalSide local) {
        List<String> argv = new ArrayList<>(1 + options.arguments().size());
        argv.add(options.program());
        argv.addAll(options.arguments());
        return new RunStart(argv, environment(options.assignments(), invocation), local.cwd().toString(),
                options.tty(), options.tty() ? local.terminal().size().orElse(null) : null,
                options.memBytes() == null ? 0 : options.memBytes(), options.node() == null ? 0 : options.node(),
                options.policy());
    }

    /** krgrun's whole environment, sorted by name, with the -e assignments applied in order. */
    private static List<String> environment(List<EnvAssignment> assignments, Invocation invocation) {
        Map<String, String> environment = new TreeMap<>(invocation.env());
        for (EnvAssignment assignment : assignments) {
            environment.put(assignment.name(), assignment.value());
        }
        List<String> lines = new ArrayList<>(environment.size());
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            lines.add(entry.getKey() + "=" + entry.getValue());
        }
        return lines;
    }
}
