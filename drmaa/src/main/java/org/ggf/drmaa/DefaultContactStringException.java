package org.ggf.drmaa;

/**
 * No contact string was given and the default contact information could not be used to reach the DRM (DRMAA_ERRNO_DEFAULT_CONTACT_STRING_ERROR).
 */
public class DefaultContactStringException extends InvalidContactStringException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public DefaultContactStringException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public DefaultContactStringException(String msg) {
        super(msg);
    }
}
