package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;
import org.linuxssi.tools.migrate.MigrateCommand;

/** migrate, Kerrighed's process migration: entry points for the shell and for in-process callers. */
public final class Migrate {

    private Migrate() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs migrate with these arguments, streams and environment; returns the exit code (see {@link ExitCode}). */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Invocation invocation = new Invocation(MigrateCommand.NAME, out, err, env);
        return ToolCommandLine.execute(MigrateCommand.commandLine(invocation), invocation, args);
    }
}
