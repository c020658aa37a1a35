package org.linuxssi.tools;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Runs a picocli command tree the way every LinuxSSI tool behaves: usage errors exit 2 with a hint
 * to --help, failures exit 1 with one line, and no stack trace reaches the terminal.
 */
public final class ToolCommandLine {

    private ToolCommandLine() {
    }

    /** Parses {@code args}, runs the chosen command and returns the exit code. */
    public static int execute(CommandLine commandLine, Invocation invocation, String... args) {
        PrintWriter out = new PrintWriter(invocation.out(), true);
        PrintWriter err = new PrintWriter(invocation.err(), true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, ignored) -> usageError(e, invocation));
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            if (e instanceof ParameterException usage) {
                return usageError(usage, invocation);
            }
            return FailureReport.report(invocation, e);
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
            invocation.out().flush();
            invocation.err().flush();
        }
    }

    private static int usageError(ParameterException e, Invocation invocation) {
        invocation.err().println(invocation.tool() + ": " + e.getMessage());
        invocation.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                + " --help' for more information.");
        return ExitCode.USAGE;
    }
}
