package org.ggf.drmaa;

/**
 * {@link Session#wait} or {@link Session#synchronize} returned because its timeout elapsed (DRMAA_ERRNO_EXIT_TIMEOUT).
 */
public class ExitTimeoutException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public ExitTimeoutException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public ExitTimeoutException(String msg) {
        super(msg);
    }
}
