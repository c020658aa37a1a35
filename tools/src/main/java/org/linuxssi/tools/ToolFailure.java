package org.linuxssi.tools;

/** Ends a tool run with one line on stderr and a non-zero exit code, never with a stack trace. */
public final class ToolFailure extends RuntimeException {

    private final int exitCode;

    /** {@code line} is printed as it is, so it carries its own "tool: " prefix when it needs one. */
    public ToolFailure(String line, int exitCode) {
        super(line, null, false, false);
        this.exitCode = exitCode;
    }

    /** The usual failure: "tool: message", exit code 1. */
    public static ToolFailure of(Invocation invocation, String message) {
        return new ToolFailure(invocation.tool() + ": " + message, ExitCode.FAILURE);
    }

    public int exitCode() {
        return exitCode;
    }
}
