package org.linuxssi.node;

/** The daemon cannot start; the message is the one line printed, the code the exit status. */
public final class StartupException extends Exception {

    private final int exitCode;

    public StartupException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
