package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgrun.KrgcrRunCommand;

/** krgcr-run, which starts a checkpointable application: entry points for the shell and for in-process callers. */
public final class KrgcrRun {

    private KrgcrRun() {
    }

    public static void main(String[] args) {
        System.exit(run(args, LocalSide.system(), System.out, System.err, System.getenv()));
    }

    /** Runs krgcr-run inside another program (see {@link Krgrun#run(String[], PrintStream, PrintStream, Map)}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, LocalSide.inProcess(), out, err, env);
    }

    /** Runs krgcr-run with everything it takes from the machine given by {@code local}. */
    public static int run(String[] args, LocalSide local, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgcrRunCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgcrRunCommand.commandLine(invocation, local), invocation, args);
    }
}
