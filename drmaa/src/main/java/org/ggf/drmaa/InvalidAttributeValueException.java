package org.ggf.drmaa;

/**
 * A job template value is not valid for its property (DRMAA_ERRNO_INVALID_ATTRIBUTE_VALUE).
 */
public class InvalidAttributeValueException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InvalidAttributeValueException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InvalidAttributeValueException(String msg) {
        super(msg);
    }
}
