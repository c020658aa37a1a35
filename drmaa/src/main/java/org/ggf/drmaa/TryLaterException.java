package org.ggf.drmaa;

/**
 * The DRM cannot accept the request now; the same request may succeed later (DRMAA_ERRNO_TRY_LATER).
 */
public class TryLaterException extends DrmaaException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception without a detail message. */
    public TryLaterException() {
    }

    /**
     * Creates the exception with a detail message.
     * @param msg the detail message
     */
    public TryLaterException(String msg) {
        super(msg);
    }
}
