package org.ggf.drmaa;

/**
 * An unexpected error inside the DRMAA implementation (DRMAA_ERRNO_INTERNAL_ERROR);
 * afterwards the implementation may be unusable.
 *
 * <p>The binding makes this error unchecked, so it extends
 * {@link RuntimeException} rather than {@link DrmaaException}.</p>
 */
public class InternalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InternalException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InternalException(String msg) {
        super(msg);
    }
}
