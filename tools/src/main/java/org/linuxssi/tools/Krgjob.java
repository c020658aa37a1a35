package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgjob.KrgjobCommand;

/** krgjob, the command line of krg-drmaa's jobs: entry points for the shell and for in-process callers. */
public final class Krgjob {

    private Krgjob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, LocalSide.system(), System.out, System.err, System.getenv()));
    }

    /** Runs krgjob with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, LocalSide.inProcess(), out, err, env);
    }

    /** Same, with the working directory of submitted jobs taken from {@code local}. */
    public static int run(String[] args, LocalSide local, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgjobCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgjobCommand.commandLine(invocation, local), invocation, args);
    }
}
