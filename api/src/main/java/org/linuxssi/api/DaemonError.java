package org.linuxssi.api;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Errors a daemon reports on purpose. They carry a trailer so that a tool can tell
 * a daemon's own one-line message from a transport failure (no daemon, no answer).
 */
public final class DaemonError {

    /** Present on every error a daemon reports on purpose. */
    public static final Metadata.Key<String> ORIGIN =
            Metadata.Key.of("linuxssi-error-origin", Metadata.ASCII_STRING_MARSHALLER);

    private DaemonError() {
    }

    /** An error for the caller: {@code message} is the one line a user reads. */
    public static StatusRuntimeException of(Status.Code code, String message) {
        Metadata trailers = new Metadata();
        trailers.put(ORIGIN, Component.DAEMON);
        return Status.fromCode(code).withDescription(message).asRuntimeException(trailers);
    }

    public static StatusRuntimeException invalidArgument(String message) {
        return of(Status.Code.INVALID_ARGUMENT, message);
    }

    public static StatusRuntimeException failedPrecondition(String message) {
        return of(Status.Code.FAILED_PRECONDITION, message);
    }

    /** The replicated state cannot be read or changed: no leader could be reached in time. */
    public static StatusRuntimeException noQuorum(String message) {
        return of(Status.Code.UNAVAILABLE, message);
    }

    /** True when the status was reported by a daemon (or by the version check), not by the transport. */
    public static boolean isFromDaemon(Status status, Metadata trailers) {
        return (trailers != null && (trailers.containsKey(ORIGIN) || trailers.containsKey(VersionMetadata.VERSION)))
                || status.getCode() == Status.Code.FAILED_PRECONDITION;
    }
}
