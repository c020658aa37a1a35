package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.linuxssi.api.DaemonError;
import org.linuxssi.node.control.NoQuorumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer of a unary call of the mobility services: the value, or the refusal as the daemon said
 * it; an unexpected failure is logged here and reaches the caller as one line, never a stack trace.
 */
final class UnaryAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(UnaryAnswer.class);

    /** The work behind one call; it may find no quorum. */
    interface Work<T> {
        T get() throws NoQuorumException;
    }

    private UnaryAnswer() {
    }

    /** Runs {@code work} and answers {@code reply}; {@code what} names the work in the log. */
    static <T> void answer(StreamObserver<T> reply, String what, Work<T> work) {
        try {
            reply.onNext(work.get());
            reply.onCompleted();
        } catch (NoQuorumException e) {
            reply.onError(DaemonError.noQuorum(e.getMessage()));
        } catch (StatusRuntimeException e) {
            reply.onError(e);
        } catch (RuntimeException e) {
            LOG.error("{} failed", what, e);
            reply.onError(DaemonError.of(Status.Code.INTERNAL, "internal error in linuxssid: " + e
                    + " (see the daemon's log)"));
        }
    }
}
