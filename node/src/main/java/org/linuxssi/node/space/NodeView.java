package org.linuxssi.node.space;

import java.time.Duration;
import java.util.Optional;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * The node table as this daemon last read it, so that a launch does not pay a Raft read: "node 2
 * is online at 127.0.0.2:7100" may come from a read up to {@code maxAge} old (the target refuses
 * or the {@link NodeWatch} cuts the stream if that changed since), while "not online" is always
 * confirmed by a fresh linearizable read before a caller hears it.
 */
public final class NodeView {

    private final ProcessDirectory directory;
    private final long maxAgeNanos;
    private volatile Cached cached;

    private record Cached(ClusterSnapshot state, long readAt) {
    }

    public NodeView(ProcessDirectory directory, Duration maxAge) {
        this.directory = directory;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** A linearizable read of the node table, which also refreshes the view. */
    public ClusterSnapshot fresh() throws NoQuorumException {
        long readAt = System.nanoTime();
        ClusterSnapshot state = directory.readNodes();
        cached = new Cached(state, readAt);
        return state;
    }

    /**
     * Node {@code id} if it is online, from the view when that is recent enough, else from a fresh
     * read; empty means a fresh read found it not online.
     *
     * @param freshRead receives the fresh state when one was read (for the error message)
     */
    public Optional<NodeInfo> online(int id, StateSink freshRead) throws NoQuorumException {
        Cached view = cached;
        if (view != null && System.nanoTime() - view.readAt() < maxAgeNanos) {
            Optional<NodeInfo> node = onlineIn(view.state(), id);
            if (node.isPresent()) {
                return node;
            }
        }
        ClusterSnapshot state = fresh();
        freshRead.accept(state);
        return onlineIn(state, id);
    }

    private static Optional<NodeInfo> onlineIn(ClusterSnapshot state, int id) {
        return ProcessDirectory.node(state, id).filter(n -> n.getState() == NodeState.ONLINE);
    }

    /** Receives a state read on the way. */
    @FunctionalInterface
    public interface StateSink {
        void accept(ClusterSnapshot state);
    }
}
