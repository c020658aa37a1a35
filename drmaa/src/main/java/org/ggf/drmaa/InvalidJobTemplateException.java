package org.ggf.drmaa;

/**
 * The job template was not made by this session's {@link Session#createJobTemplate}, or was already deleted.
 */
public class InvalidJobTemplateException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public InvalidJobTemplateException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public InvalidJobTemplateException(String msg) {
        super(msg);
    }
}
