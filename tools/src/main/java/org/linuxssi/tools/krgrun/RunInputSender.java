package org.linuxssi.tools.krgrun;

import com.google.protobuf.ByteString;
import io.grpc.stub.ClientCallStreamObserver;
import org.linuxssi.api.v1.RunInput;

/**
 * The one writer of the Run stream's inputs, shared by the stdin pump, the signal handlers and the
 * main thread. Stdin waits for gRPC flow control, so a slow daemon makes krgrun stop reading stdin
 * instead of buffering it; the small control messages (start, signals, window, end of stdin) never
 * wait, so that a signal is not stuck behind stdin the daemon does not want yet.
 */
final class RunInputSender {

    private final ClientCallStreamObserver<RunInput> stream;
    private boolean closed;

    RunInputSender(ClientCallStreamObserver<RunInput> stream) {
        this.stream = stream;
    }

    /** Installed as the stream's on-ready handler: wakes a stdin chunk waiting for room. */
    synchronized void onReady() {
        notifyAll();
    }

    /**
     * Waits until the transport takes more, then sends one stdin chunk.
     *
     * @return false when the run is over and the chunk was dropped
     */
    synchronized boolean sendStdin(ByteString chunk) throws InterruptedException {
        // The monitor is released while waiting, so signals still go out.
        while (!closed && !stream.isReady()) {
            wait();
        }
        return send(RunInput.newBuilder().setStdin(chunk).build());
    }

    /** Sends a control message at once; dropped when the run is over. */
    synchronized boolean send(RunInput input) {
        if (closed) {
            return false;
        }
        try {
            stream.onNext(input);
            return true;
        } catch (IllegalStateException callAlreadyOver) {
            closed = true;
            return false;
        }
    }

    /** Ends krgrun's side of the stream; later sends are dropped. */
    synchronized void finish() {
        if (!closed) {
            closed = true;
            try {
                stream.onCompleted();
            } catch (IllegalStateException callAlreadyOver) {
                // The daemon ended the call first; there is nothing left to close.
            }
        }
        notifyAll();
    }

    /** The daemon ended the call: nothing more can be sent. */
    synchronized void ended() {
        closed = true;
        notifyAll();
    }
}
