package org.linuxssi.api;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Sends the caller's component and version with every call, and refuses an answer
 * from a daemon whose protocol major differs (the daemon refuses first when it can;
 * this side covers an older daemon that does not check).
 */
final class VersionClientInterceptor implements ClientInterceptor {

    private final Component self;

    VersionClientInterceptor(Component self) {
        this.self = self;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.merge(VersionMetadata.of(self, 0));
                super.start(new CheckingListener<>(listener, this), headers);
            }
        };
    }

    private final class CheckingListener<R> extends ForwardingClientCallListener.SimpleForwardingClientCallListener<R> {
        private final ClientCall<?, R> call;
        private volatile String refusal;

        CheckingListener(ClientCall.Listener<R> delegate, ClientCall<?, R> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onHeaders(Metadata headers) {
            Optional<String> problem = check(headers);
            if (problem.isPresent()) {
                refusal = problem.get();
                call.cancel(refusal, null);
                return;
            }
            super.onHeaders(headers);
        }

        @Override
        public void onMessage(R message) {
            if (refusal == null) {
                super.onMessage(message);
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            if (refusal != null) {
                super.onClose(Status.FAILED_PRECONDITION.withDescription(refusal), trailers);
            } else {
                super.onClose(status, trailers);
            }
        }

        private Optional<String> check(Metadata headers) {
            String version = headers.get(VersionMetadata.VERSION);
            if (version == null) {
                return Optional.empty();
            }
            ProtocolVersion theirs;
            try {
                theirs = ProtocolVersion.parse(version);
            } catch (IllegalArgumentException e) {
                return Optional.of(self.name() + " " + self.version() + " cannot talk to a daemon announcing "
                        + e.getMessage());
            }
            String callee = headers.get(VersionMetadata.COMPONENT);
            return VersionCheck.refusal(self.name(), self.version(),
                    callee == null ? Component.DAEMON : callee, theirs, VersionMetadata.nodeOf(headers));
        }
    }
}
