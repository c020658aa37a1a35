package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import java.util.OptionalInt;
import org.linuxssi.tools.krgrun.KrgrunCommand;

/** krgrun, which runs a program on the cluster as if locally: entry points for the shell and for in-process callers. */
public final class Krgrun {

    private Krgrun() {
    }

    public static void main(String[] args) {
        System.exit(run(args, LocalSide.system(), System.out, System.err, System.getenv()));
    }

    /**
     * Runs krgrun inside another program: the program gets an empty stdin, the working directory is
     * user.dir, and neither the host's signals nor its terminal are touched (see {@link LocalSide#inProcess}).
     *
     * @return the program's exit status, or krgrun's own code (see {@link KrgrunCommand})
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, LocalSide.inProcess(), out, err, env);
    }

    /** Runs krgrun with everything it takes from the machine given by {@code local}. */
    public static int run(String[] args, LocalSide local, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(KrgrunCommand.NAME, out, err, env);
        // The usual command lines skip picocli's start-up; help, version and mistakes still go through it.
        OptionalInt quick = KrgrunCommand.runWithoutPicocli(args, invocation, local);
        if (quick.isPresent()) {
            return quick.getAsInt();
        }
        return ToolCommandLine.execute(KrgrunCommand.commandLine(invocation, local), invocation, args);
    }
}
