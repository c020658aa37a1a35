package org.linuxssi.node.scheduler;

import java.util.List;

/** Keeps the nodes that can checkpoint and restore (their criu check passed): only they can give or take. */
final class CheckpointCapableFilter {

    List<NodeLoad> apply(List<NodeLoad> nodes) {
        return nodes.stream().filter(n -> canCheckpoint(n.criu())).toList();
    }

    /** Usable: "criu 4.1.1"; not: "criu missing: ...", "criu 3.17: too old ...", or empty from older daemons. */
    static boolean canCheckpoint(String criu) {
        return criu.startsWith("criu ") && !criu.contains(":");
    }
}
