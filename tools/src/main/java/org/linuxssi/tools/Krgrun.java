package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import java.util.OptionalInt;
import org.linuxssi.tools.krgrun.KrgrunCommand;
import org.linuxssi.tools.krgrun.KrgrunLaunch;

/** krgrun, which runs a program on the cluster as if locally: entry points for the shell and for in-process callers. */
public final class Krgrun {

    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";
    /** Linux's, in every JDK from 21 on. */
    private static final String JDK_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

    private Krgrun() {
    }

    public static void main(String[] args) {
        nameTheJdksSelectorProvider();
        KrgrunLaunch.openSocketEarly();
        int code = run(args, LocalSide.system(), System.out, System.err, System.getenv());
        System.out.flush();
        System.err.flush();
        // Not System.exit, which asks the JDK's logging whether to log the exit and so loads and configures
        // java.util.logging, milliseconds of a cold krgrun; the one shutdown hook krgrun may have (the
        // terminal's, under -t) is removed once the run has put the terminal back.
        Runtime.getRuntime().halt(code);
    }

    /**
     * Unless told which, the first socket asks {@link java.nio.channels.spi.SelectorProvider} to look for
     * other providers on the class path, which opens every jar of it and the JDK's module image: a good
     * part of a cold krgrun's start. The JDK's own provider, named, is what that search finds anyway.
     */
    static void nameTheJdksSelectorProvider() {
        if (System.getProperty(SELECTOR_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(JDK_SELECTOR_PROVIDER, false, null);
            System.setProperty(SELECTOR_PROVIDER, JDK_SELECTOR_PROVIDER);
        } catch (ClassNotFoundException e) {
            // Another JDK: the search it is.
        }
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
        OptionalInt quick = KrgrunLaunch.runWithoutPicocli(args, invocation, local);
        if (quick.isPresent()) {
            return quick.getAsInt();
        }
        return ToolCommandLine.execute(KrgrunCommand.commandLine(invocation, local), invocation, args);
    }
}
