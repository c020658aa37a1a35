package org.ggf.drmaa;

/**
 * The contact string given to {@link Session#init} is not valid (DRMAA_ERRNO_INVALID_CONTACT_STRING).
 */
public class InvalidContactStringException extends DrmsInitException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InvalidContactStringException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InvalidContactStringException(String msg) {
        super(msg);
    }
}
