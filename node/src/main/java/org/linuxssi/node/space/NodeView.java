package org.linuxssi.node.space;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * The node table as this daemon last read it, so that a launch does not pay a Raft read: "node 2
 * is online at 127.0.0.2:7100" may come from a read up to {@code maxAge} old (the target refuses
 * or the {@link NodeWatch} cuts the stream if that changed since), while "not online" is always
 * confirmed by a fresh linearizable read before a caller hears it. Launches that need a fresh read at
 * once share one: a burst of a thousand launches after the view went stale would otherwise send the
 * Raft group a thousand linearizable reads, which on a loaded machine overloaded it into timeouts.
 */
public final class NodeView {

    private final NodeTable directory;
    private final long maxAgeNanos;
    private volatile Cached cached;
    private final Object reading = new Object();
    /** The fresh read on its way, which callers arriving meanwhile wait for; null when there is none. */
    private CompletableFuture<ClusterSnapshot> onItsWay;

    private record Cached(ClusterSnapshot state, long readAt) {
    }

    /**
     * A fresh read's state, and whether it began after this caller asked (its own read, or one another
     * caller began since): only such a read may confirm "not online".
     */
    private record SharedRead(ClusterSnapshot state, boolean own) {
    }

    public NodeView(ProcessDirectory directory, Duration maxAge) {
        this(directory::readNodes, maxAge);
    }

    NodeView(NodeTable directory, Duration maxAge) {
        this.directory = directory;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Where the node table is read: the process directory's linearizable read. */
    @FunctionalInterface
    interface NodeTable {
        ClusterSnapshot readNodes() throws NoQuorumException;
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
        SharedRead read = sharedFresh(System.nanoTime(), true);
        Optional<NodeInfo> node = onlineIn(read.state(), id);
        if (node.isEmpty() && !read.own()) {
            // A read that began before this caller asked cannot confirm "not online"; its own can.
            ClusterSnapshot state = fresh();
            freshRead.accept(state);
            return onlineIn(state, id);
        }
        freshRead.accept(read.state());
        return node;
    }

    /**
     * A fresh read: one that began after {@code asked} if there is one, else the one on its way,
     * else this caller's, which others may join.
     *
     * @param again whether a caller whose joined read failed may join (or make) one more: the read
     *              it joined may only have been slow, and it never got a read of its own
     */
    private SharedRead sharedFresh(long asked, boolean again) throws NoQuorumException {
        CompletableFuture<ClusterSnapshot> answer;
        boolean own;
        synchronized (reading) {
            Cached since = cached;
            if (since != null && since.readAt() - asked > 0) {
                return new SharedRead(since.state(), true);
            }
            // A read that has just ended, before its reader cleared it, is no longer on its way.
            own = onItsWay == null || onItsWay.isDone();
            if (own) {
                onItsWay = new CompletableFuture<>();
            }
            answer = onItsWay;
        }
        if (own) {
            try {
                ClusterSnapshot state = fresh();
                answer.complete(state);
                return new SharedRead(state, true);
            } catch (NoQuorumException | RuntimeException e) {
                answer.completeExceptionally(e);
                throw e;
            } finally {
                synchronized (reading) {
                    if (onItsWay == answer) {
                        onItsWay = null;
                    }
                }
            }
        }
        try {
            return new SharedRead(answer.get(), false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoQuorumException failed) {
                if (again) {
                    return sharedFresh(asked, false);
                }
                throw new NoQuorumException(failed.getMessage());
            }
            throw new IllegalStateException("reading the node table failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoQuorumException("interrupted while reading the node table");
        }
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
