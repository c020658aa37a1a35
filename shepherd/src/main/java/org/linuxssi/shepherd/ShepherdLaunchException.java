package org.linuxssi.shepherd;

import java.io.IOException;

/** The shepherd did not start the program; the message is the shepherd's own one-line reason. */
public final class ShepherdLaunchException extends IOException {

    /** Launcher exit code: usage error. */
    public static final int USAGE = 64;
    /** Launcher exit code: the spec is invalid; nothing was started, no file was written. */
    public static final int BAD_SPEC = 65;
    /** Launcher exit code: a system call failed (fork, pty, FIFO, writing pid). */
    public static final int SYSTEM_ERROR = 71;
    /** Launcher exit code: the state directory is missing or already used. */
    public static final int STATE_DIR = 73;

    private final int exitCode;

    public ShepherdLaunchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The launcher's exit code: {@link #USAGE}, {@link #BAD_SPEC}, {@link #SYSTEM_ERROR}, {@link #STATE_DIR}, or -1 for a timeout. */
    public int exitCode() {
        return exitCode;
    }
}
