package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgadm.KrgadmCommand;

/** krgadm, the cluster administration tool: entry points for the shell and for in-process callers. */
public final class Krgadm {

    private Krgadm() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs krgadm with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgadmCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgadmCommand.commandLine(invocation), invocation, args);
    }
}
