package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgps.KrgpsCommand;

/** krgps, ps for the whole cluster: entry points for the shell and for in-process callers. */
public final class Krgps {

    private Krgps() {
    }

    public static void main(String[] args) {
        System.exit(run(args, LocalSide.system(), System.out, System.err, System.getenv()));
    }

    /** Runs krgps with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, LocalSide.inProcess(), out, err, env);
    }

    /** Same, with the clock (for START) taken from {@code local}. */
    public static int run(String[] args, LocalSide local, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgpsCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgpsCommand.commandLine(invocation, local), invocation, args);
    }
}
