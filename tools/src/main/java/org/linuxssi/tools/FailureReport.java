package org.linuxssi.tools;

/**
 * How a tool ends on a failure that is not a usage error: a {@link ToolFailure} prints its own line
 * and exit code; anything else is a bug in the tool, still one line but with enough to report it.
 * Free of picocli, so that krgrun's quick path can use it without loading picocli.
 */
public final class FailureReport {

    private FailureReport() {
    }

    /** Prints the failure's one line on the invocation's stderr and returns the exit code. */
    public static int report(Invocation invocation, Exception e) {
        if (e instanceof ToolFailure failure) {
            invocation.err().println(failure.getMessage());
            return failure.exitCode();
        }
        invocation.err().println(invocation.tool() + ": internal error: " + e);
        return ExitCode.FAILURE;
    }
}
