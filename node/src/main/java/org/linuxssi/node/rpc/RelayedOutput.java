package org.linuxssi.node.rpc;

import java.io.Closeable;
import java.io.IOException;
import org.linuxssi.api.v1.RunOutput;

/**
 * A RunOutput received by a relaying daemon ({@link AliasingOutputMarshaller}). Its stdout or stderr
 * bytes may be views of the transport's received buffers, which this holds until {@link #release}:
 * whoever takes it passes the bytes on and releases it once they are written (or dropped).
 */
public final class RelayedOutput {

    private final RunOutput output;
    private Closeable held;

    RelayedOutput(RunOutput output, Closeable held) {
        this.output = output;
        this.held = held;
    }

    public RunOutput output() {
        return output;
    }

    /** Gives the transport's buffers back (the bytes are no longer valid); later calls do nothing. */
    public void release() {
        Closeable buffers;
        synchronized (this) {
            buffers = held;
            held = null;
        }
        if (buffers != null) {
            try {
                buffers.close();
            } catch (IOException e) {
                // Releasing reference-counted buffers: nothing that can fail.
            }
        }
    }
}
