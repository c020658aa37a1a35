package org.ggf.drmaa;

/**
 * A job template value conflicts with the value of another job template property (DRMAA_ERRNO_CONFLICTING_ATTRIBUTE_VALUES).
 */
public class ConflictingAttributeValuesException extends InvalidAttributeValueException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public ConflictingAttributeValuesException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public ConflictingAttributeValuesException(String msg) {
        super(msg);
    }
}
