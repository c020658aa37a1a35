package org.ggf.drmaa;

/**
 * The job cannot be released from hold in its current state (DRMAA_ERRNO_RELEASE_INCONSISTENT_STATE).
 */
public class ReleaseInconsistentStateException extends InconsistentStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public ReleaseInconsistentStateException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public ReleaseInconsistentStateException(String msg) {
        super(msg);
    }
}
