package org.linuxssi.drmaa;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.ggf.drmaa.AuthorizationException;
import org.ggf.drmaa.DrmCommunicationException;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.InternalException;
import org.ggf.drmaa.TryLaterException;
import org.linuxssi.api.Component;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.ProtocolVersion;
import org.linuxssi.api.v1.DrmaaGrpc;

/**
 * The channel to the local linuxssid's Drmaa service. Reads, and writes that cannot create jobs, are
 * retried while the daemon restarts or the cluster elects a leader (up to {@link #RETRY_FOR}); a
 * submission is not, so that one runJob never makes two jobs. Failures become DRMAA exceptions.
 */
final class DaemonClient implements AutoCloseable {

    static final Component COMPONENT = new Component("linuxssi-drmaa", "linuxssi-drmaa", ProtocolVersion.CURRENT);
    static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Path socket;
    private final ManagedChannel channel;

    DaemonClient(Path socket) {
        this.socket = socket;
        this.channel = GrpcEndpoints.unixChannel(socket, COMPONENT);
    }

    Path socket() {
        return socket;
    }

    /** A call that may be repeated: retried while the daemon or the cluster is unavailable. */
    <R> R retried(Function<DrmaaGrpc.DrmaaBlockingStub, R> rpc, Refusals refusals) throws DrmaaException {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long pause = 50;
        while (true) {
            try {
                return rpc.apply(stub());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || System.nanoTime() > deadline) {
                    throw map(e, refusals);
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DrmCommunicationException("interrupted while linuxssid at " + socket + " was unavailable");
            }
            pause = Math.min(pause * 2, 1000);
        }
    }

    /** A call made once (a submission). */
    <R> R once(Function<DrmaaGrpc.DrmaaBlockingStub, R> rpc, Refusals refusals) throws DrmaaException {
        try {
            return rpc.apply(stub());
        } catch (StatusRuntimeException e) {
            throw map(e, refusals);
        }
    }

    private DrmaaGrpc.DrmaaBlockingStub stub() {
        return DrmaaGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private DrmaaException map(StatusRuntimeException e, Refusals refusals) {
        String message = e.getStatus().getDescription() == null ? e.getStatus().getCode().toString()
                : e.getStatus().getDescription();
        boolean fromDaemon = DaemonError.isFromDaemon(e.getStatus(), e.getTrailers());
        return switch (e.getStatus().getCode()) {
            case UNAVAILABLE -> fromDaemon ? new TryLaterException(message)
                    : new DrmCommunicationException("LinuxSSI is not running on this node (no daemon at " + socket
                    + "): " + message);
            case DEADLINE_EXCEEDED -> new DrmCommunicationException("linuxssid at " + socket + " did not answer within "
                    + DEADLINE.toSeconds() + " s");
            case PERMISSION_DENIED -> new AuthorizationException(message);
            case INVALID_ARGUMENT -> refusals.invalid(message);
            case FAILED_PRECONDITION, NOT_FOUND -> refusals.refused(message);
            default -> throw new InternalException("linuxssid at " + socket + ": " + message);
        };
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a refusal by the daemon means for one kind of call. */
    interface Refusals {
        /** The request had a bad value. */
        DrmaaException invalid(String message);

        /** The request was valid but the state does not allow it. */
        DrmaaException refused(String message);
    }
}
