package org.ggf.drmaa;

/**
 * The DRM rejected the job, and will keep rejecting it, because of its configuration or the job template (DRMAA_ERRNO_DENIED_BY_DRM).
 */
public class DeniedByDrmException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public DeniedByDrmException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public DeniedByDrmException(String msg) {
        super(msg);
    }
}
