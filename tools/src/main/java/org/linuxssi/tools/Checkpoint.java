package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.checkpoint.CheckpointCommand;

/** checkpoint, Kerrighed's checkpoint through CRIU: entry points for the shell and for in-process callers. */
public final class Checkpoint {

    private Checkpoint() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs checkpoint with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(CheckpointCommand.NAME, out, err, env);
        return ToolCommandLine.execute(CheckpointCommand.commandLine(invocation), invocation, CheckpointCommand.attachSignals(args));
    }
}
