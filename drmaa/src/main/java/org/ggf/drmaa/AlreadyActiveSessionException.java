package org.ggf.drmaa;

/**
 * {@link Session#init} was called while a session is already active (DRMAA_ERRNO_ALREADY_ACTIVE_SESSION).
 */
public class AlreadyActiveSessionException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public AlreadyActiveSessionException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public AlreadyActiveSessionException(String msg) {
        super(msg);
    }
}
