package org.ggf.drmaa;

/**
 * The job cannot be resumed in its current state (DRMAA_ERRNO_RESUME_INCONSISTENT_STATE).
 */
public class ResumeInconsistentStateException extends InconsistentStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public ResumeInconsistentStateException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public ResumeInconsistentStateException(String msg) {
        super(msg);
    }
}
