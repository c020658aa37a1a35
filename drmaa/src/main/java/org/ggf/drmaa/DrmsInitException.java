package org.ggf.drmaa;

/**
 * Initialising the session with the DRM in {@link Session#init} failed (DRMAA_ERRNO_DRMS_INIT_FAILED).
 */
public class DrmsInitException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public DrmsInitException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public DrmsInitException(String msg) {
        super(msg);
    }
}
