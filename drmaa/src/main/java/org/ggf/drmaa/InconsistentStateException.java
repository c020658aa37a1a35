package org.ggf.drmaa;

/**
 * Common parent of the exceptions for a control action that the job's current state does not allow.
 */
public abstract class InconsistentStateException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InconsistentStateException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InconsistentStateException(String msg) {
        super(msg);
    }
}
