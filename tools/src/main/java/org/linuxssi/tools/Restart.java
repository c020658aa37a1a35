package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.checkpoint.RestartCommand;

/** restart, Kerrighed's restart through CRIU: entry points for the shell and for in-process callers. */
public final class Restart {

    private Restart() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs restart with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(RestartCommand.NAME, out, err, env);
        return ToolCommandLine.execute(RestartCommand.commandLine(invocation), invocation, args);
    }
}
