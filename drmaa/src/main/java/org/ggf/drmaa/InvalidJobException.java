package org.ggf.drmaa;

/**
 * The job id names no job known to the session, or the job's record was already reaped (DRMAA_ERRNO_INVALID_JOB).
 */
public class InvalidJobException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InvalidJobException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InvalidJobException(String msg) {
        super(msg);
    }
}
