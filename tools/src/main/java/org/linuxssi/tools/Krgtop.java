package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.krgtop.KrgtopCommand;

/** krgtop, top for the whole cluster: entry points for the shell and for in-process callers. */
public final class Krgtop {

    private Krgtop() {
    }

    public static void main(String[] args) {
        System.exit(run(args, LocalSide.system(), System.out, System.err, System.getenv()));
    }

    /**
     * Runs krgtop inside another program: no keys, no terminal and no signals (see
     * {@link LocalSide#inProcess}), so use -b or -n K there.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, LocalSide.inProcess(), out, err, env);
    }

    /** Runs krgtop with its keys, terminal, signals and clock taken from {@code local}. */
    public static int run(String[] args, LocalSide local, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgtopCommand.NAME, out, err, env);
        return ToolCommandLine.execute(KrgtopCommand.commandLine(invocation, local), invocation, args);
    }
}
