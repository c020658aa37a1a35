package org.ggf.drmaa;

/**
 * A job template value is not in the format the property requires (DRMAA_ERRNO_INVALID_ATTRIBUTE_FORMAT).
 */
public class InvalidAttributeFormatException extends InvalidAttributeValueException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InvalidAttributeFormatException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InvalidAttributeFormatException(String msg) {
        super(msg);
    }
}
