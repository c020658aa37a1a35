package org.ggf.drmaa;

/**
 * Disengaging from the DRM in {@link Session#exit} failed (DRMAA_ERRNO_DRMS_EXIT_ERROR).
 */
public class DrmsExitException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public DrmsExitException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public DrmsExitException(String msg) {
        super(msg);
    }
}
