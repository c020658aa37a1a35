package org.linuxssi.tools;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import org.linuxssi.api.DaemonError;

/** Words a failed call to linuxssid as the one line a user reads; every such failure exits 1. */
public final class DaemonCallErrors {

    private DaemonCallErrors() {
    }

    /**
     * A daemon's own refusal is printed as the daemon worded it; a transport failure is explained
     * in terms of the socket, since that is what the user can check.
     */
    public static ToolFailure toFailure(StatusRuntimeException e, String tool, Path socket, Duration deadline) {
        Status status = e.getStatus();
        if (DaemonError.isFromDaemon(status, e.getTrailers())) {
            return failure(tool + ": " + describe(status));
        }
        return switch (status.getCode()) {
            case UNAVAILABLE -> failure(permissionDenied(status)
                    ? tool + ": no permission to use the linuxssid socket " + socket
                            + " (ask root, or run as a user allowed to)"
                    : "LinuxSSI is not running on this node (no daemon at " + socket + ")");
            case DEADLINE_EXCEEDED -> failure(tool + ": linuxssid at " + socket + " did not answer within "
                    + deadline.toSeconds() + " s");
            case UNIMPLEMENTED -> failure(tool + ": linuxssid at " + socket
                    + " does not know this request; is it older than " + tool + "?");
            default -> failure(tool + ": call to linuxssid at " + socket + " failed: " + describe(status));
        };
    }

    private static ToolFailure failure(String line) {
        return new ToolFailure(line, ExitCode.FAILURE);
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        return description == null || description.isBlank() ? status.getCode().toString() : description;
    }

    // The transport reports EACCES on connect() as UNAVAILABLE; "not running" would send the user the wrong way.
    private static boolean permissionDenied(Status status) {
        for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("Permission denied")) {
                return true;
            }
        }
        return false;
    }
}
