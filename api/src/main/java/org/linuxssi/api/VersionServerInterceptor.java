package org.linuxssi.api;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.function.IntSupplier;

/** Refuses every call whose caller speaks another protocol major, before any method runs. */
final class VersionServerInterceptor implements ServerInterceptor {

    private final Component self;
    private final IntSupplier nodeId;

    VersionServerInterceptor(Component self, IntSupplier nodeId) {
        this.self = self;
        this.nodeId = nodeId;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        ServerCall<Q, R> stamped = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.merge(VersionMetadata.of(self, nodeId.getAsInt()));
                super.sendHeaders(responseHeaders);
            }
        };
        Optional<String> problem = check(headers);
        if (problem.isPresent()) {
            Metadata trailers = VersionMetadata.of(self, nodeId.getAsInt());
            stamped.close(Status.FAILED_PRECONDITION.withDescription(problem.get()), trailers);
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(stamped, headers);
    }

    private Optional<String> check(Metadata headers) {
        return refusal(self, nodeId.getAsInt(), headers.get(VersionMetadata.COMPONENT),
                headers.get(VersionMetadata.VERSION));
    }

    /** Why {@code self} refuses a caller that says it is {@code caller} at {@code version}; empty when it does not. */
    static Optional<String> refusal(Component self, int nodeId, String caller, String version) {
        if (caller == null || version == null || caller.isEmpty() || version.isEmpty()) {
            return Optional.of("a caller without a LinuxSSI protocol version cannot talk to " + self.name() + " "
                    + self.version() + ": use the linuxssi-tools " + self.version().major() + ".x commands");
        }
        ProtocolVersion theirs;
        try {
            theirs = ProtocolVersion.parse(version);
        } catch (IllegalArgumentException e) {
            return Optional.of(caller + " sent " + e.getMessage());
        }
        return VersionCheck.refusal(caller, theirs, self.name(), self.version(), nodeId);
    }
}
