package org.linuxssi.node.agent;

import io.grpc.Status;

/** A launch this node refused or could not do; the message is the one line the caller reads. */
public final class LaunchRefusedException extends Exception {

    private final Status.Code code;

    public LaunchRefusedException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    /** The gRPC status code the caller gets: INVALID_ARGUMENT, FAILED_PRECONDITION or INTERNAL. */
    public Status.Code code() {
        return code;
    }
}
