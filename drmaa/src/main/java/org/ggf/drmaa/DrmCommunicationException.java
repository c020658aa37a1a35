package org.ggf.drmaa;

/**
 * The DRMAA implementation could not communicate with the DRM for this request (DRMAA_ERRNO_DRM_COMMUNICATION_FAILURE).
 */
public class DrmCommunicationException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public DrmCommunicationException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public DrmCommunicationException(String msg) {
        super(msg);
    }
}
