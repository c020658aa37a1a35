package org.ggf.drmaa;

/**
 * The job cannot be suspended in its current state (DRMAA_ERRNO_SUSPEND_INCONSISTENT_STATE).
 */
public class SuspendInconsistentStateException extends InconsistentStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public SuspendInconsistentStateException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public SuspendInconsistentStateException(String msg) {
        super(msg);
    }
}
