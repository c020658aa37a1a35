package org.linuxssi.tools;

/** The exit codes every LinuxSSI tool uses. */
public final class ExitCode {

    public static final int OK = 0;
    /** The command was understood but did not succeed: the daemon refused, was absent, or did not answer. */
    public static final int FAILURE = 1;
    /** The command line was wrong; nothing was attempted. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
