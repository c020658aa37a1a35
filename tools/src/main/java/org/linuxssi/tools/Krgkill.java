package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgkill.KrgkillCommand;

/** krgkill, kill(1) for global PIDs: entry points for the shell and for in-process callers. */
public final class Krgkill {

    private Krgkill() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs krgkill with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgkillCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgkillCommand.commandLine(invocation), invocation,
                KrgkillCommand.expandShortSignal(args));
    }
}
