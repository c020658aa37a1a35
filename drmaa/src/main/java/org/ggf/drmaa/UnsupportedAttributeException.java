package org.ggf.drmaa;

/**
 * The job template property is optional and this implementation does not support it.
 */
public class UnsupportedAttributeException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public UnsupportedAttributeException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public UnsupportedAttributeException(String msg) {
        super(msg);
    }
}
