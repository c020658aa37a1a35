package org.linuxssi.node;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.linuxssi.api.v1.HelloRequest;
import org.linuxssi.node.config.ManagerAddress;
import org.linuxssi.node.rpc.PeerChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's first contact with the managers: versions and session ids are checked
 * before it uses the Raft group. A refusal is logged (once per 10 s) and retried, since
 * the other side may be reconfigured while this node waits.
 */
final class ManagerHandshake {

    private static final Logger LOG = LoggerFactory.getLogger(ManagerHandshake.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private ManagerHandshake() {
    }

    /** Returns true once a manager accepted this node, false when the daemon is stopping first. */
    static boolean await(PeerChannels peers, Iterable<ManagerAddress> managers, HelloRequest hello,
                         BooleanSupplier stopping) throws InterruptedException {
        long nextLog = System.nanoTime();
        while (!stopping.getAsBoolean()) {
            StringBuilder problems = new StringBuilder();
            for (ManagerAddress manager : managers) {
                try {
                    peers.peer(manager.toString(), 3000).hello(hello);
                    LOG.info("manager {} accepted node {} of session {}", manager, hello.getNodeId(),
                            hello.getSessionId());
                    return true;
                } catch (StatusRuntimeException e) {
                    problems.append(problems.isEmpty() ? "" : "; ").append(manager).append(": ")
                            .append(e.getStatus().getDescription() == null ? e.getStatus().getCode()
                                    : e.getStatus().getDescription());
                }
            }
            if (System.nanoTime() - nextLog >= 0) {
                LOG.warn("not joining yet, no manager accepted this node: {}", problems);
                nextLog = System.nanoTime() + LOG_EVERY.toNanos();
            }
            Thread.sleep(500);
        }
        return false;
    }
}
