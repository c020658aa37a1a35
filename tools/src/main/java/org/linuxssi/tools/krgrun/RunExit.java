package org.linuxssi.tools.krgrun;

import io.grpc.Status;
import java.util.Locale;

/** krgrun's exit code, which is the program's as a shell would report it. */
final class RunExit {

    /** The program could not be found (as a shell's "command not found"). */
    static final int NOT_FOUND = 127;
    /** The program's node was lost, or the stream to it broke: its real fate is unknown. */
    static final int LOST = 255;

    private RunExit() {
    }

    /**
     * The status a shell would show: the exit code, or 128 + the signal that killed the program;
     * 255 when the daemon reports an error without a status.
     */
    static int code(RunReply.Exit exit) {
        if (exit.status() != 0) {
            return shellRange(exit.status());
        }
        if (exit.signal() > 0) {
            return shellRange(128 + exit.signal());
        }
        if (exit.exitCode() != 0) {
            return shellRange(exit.exitCode());
        }
        return exit.error().isEmpty() ? 0 : LOST;
    }

    /**
     * Whether a daemon's refusal means that the program does not exist: its message names the program,
     * quoted ({@code 'prog'}) or followed by a colon ({@code prog: ...}), and says "not found" or
     * "no such file".
     */
    static boolean programNotFound(Status status, String program) {
        String message = status.getDescription();
        if (message == null || program.isEmpty()) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        boolean names = message.contains("'" + program + "'") || message.contains(program + ":");
        return names && (lower.contains("not found") || lower.contains("no such file"));
    }

    private static int shellRange(int status) {
        return status >= 0 && status <= 255 ? status : LOST;
    }
}
