package org.ggf.drmaa;

/**
 * No contact string was given and more than one DRM, or none, could be the default (DRMAA_ERRNO_NO_DEFAULT_CONTACT_STRING_SELECTED).
 */
public class NoDefaultContactStringException extends InvalidContactStringException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public NoDefaultContactStringException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public NoDefaultContactStringException(String msg) {
        super(msg);
    }
}
