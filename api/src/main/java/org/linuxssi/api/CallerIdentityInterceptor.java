package org.linuxssi.api;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Makes the Unix-socket caller's credentials available to the service as {@link CallerCredentials#current()}. */
final class CallerIdentityInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        CallerCredentials caller = call.getAttributes().get(CallerCredentials.TRANSPORT_KEY);
        if (caller == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(CallerCredentials.CONTEXT_KEY, caller), call,
                headers, next);
    }
}
