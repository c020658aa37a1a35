package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgcapset.KrgcapsetCommand;

/** krgcapset, Kerrighed's capability tool: entry points for the shell and for in-process callers. */
public final class Krgcapset {

    private Krgcapset() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs krgcapset with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgcapsetCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgcapsetCommand.commandLine(invocation), invocation, args);
    }
}
