package org.ggf.drmaa;

/**
 * The call needs an active session, and the session was never initialised or has already exited (DRMAA_ERRNO_NO_ACTIVE_SESSION).
 */
public class NoActiveSessionException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public NoActiveSessionException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public NoActiveSessionException(String msg) {
        super(msg);
    }
}
