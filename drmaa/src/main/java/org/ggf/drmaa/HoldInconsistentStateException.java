package org.ggf.drmaa;

/**
 * The job cannot be put on hold in its current state (DRMAA_ERRNO_HOLD_INCONSISTENT_STATE).
 */
public class HoldInconsistentStateException extends InconsistentStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public HoldInconsistentStateException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public HoldInconsistentStateException(String msg) {
        super(msg);
    }
}
