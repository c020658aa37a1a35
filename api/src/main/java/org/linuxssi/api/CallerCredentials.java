package org.linuxssi.api;

import io.grpc.Attributes;
import io.grpc.Context;
import java.util.List;
import java.util.Optional;

/**
 * Who is at the other end of a local Unix-socket call, as the kernel says (SO_PEERCRED):
 * never what a tool claims. Available to services through {@link #current()}.
 */
public record CallerCredentials(int pid, int uid, int gid, List<Integer> groups) {

    static final Attributes.Key<CallerCredentials> TRANSPORT_KEY = Attributes.Key.create("linuxssi-peer-credentials");
    static final Context.Key<CallerCredentials> CONTEXT_KEY = Context.key("linuxssi-caller");

    public CallerCredentials {
        groups = List.copyOf(groups);
    }

    /** The caller of the call being served; empty on TCP (daemon-to-daemon) calls. */
    public static Optional<CallerCredentials> current() {
        return Optional.ofNullable(CONTEXT_KEY.get());
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
