package org.ggf.drmaa;

/**
 * Parent of every checked DRMAA error; each DRMAA error code has one subclass.
 *
 * <p>{@link InternalException} is the one DRMAA error outside this tree: the
 * binding makes it unchecked. Invalid arguments are reported with
 * {@link IllegalArgumentException} or {@link NullPointerException}, and missing
 * memory with {@link OutOfMemoryError}, as Java does everywhere.</p>
 */
public abstract class DrmaaException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public DrmaaException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public DrmaaException(String msg) {
        super(msg);
    }
}
