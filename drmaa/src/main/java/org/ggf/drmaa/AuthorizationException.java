package org.ggf.drmaa;

/**
 * The caller is not allowed to perform the requested action (DRMAA_ERRNO_AUTH_FAILURE).
 */
public class AuthorizationException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public AuthorizationException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public AuthorizationException(String msg) {
        super(msg);
    }
}
