package org.linuxssi.node.space;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * Tells relays when the node they stream from is marked {@code down}: a machine that dies without
 * closing its connections leaves a stream silent, not failed. One thread reads the node table
 * periodically, and only while some relay is watching.
 */
public final class NodeWatch {

    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final NodeView nodes;
    private final Map<Object, Watcher> watchers = new ConcurrentHashMap<>();

    private record Watcher(int nodeId, Runnable onDown) {
    }

    public NodeWatch(NodeView nodes) {
        this.nodes = nodes;
    }

    /** Runs {@code onDown} at every check that finds {@code nodeId} down, until {@link #unwatch}. */
    public void watch(Object key, int nodeId, Runnable onDown) {
        watchers.put(key, new Watcher(nodeId, onDown));
    }

    public void unwatch(Object key) {
        watchers.remove(key);
    }

    /** Runs until interrupted. */
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (watchers.isEmpty()) {
                continue;
            }
            ClusterSnapshot state;
            try {
                state = nodes.fresh();
            } catch (NoQuorumException e) {
                continue;
            }
            for (Watcher watcher : watchers.values()) {
                NodeState node = ProcessDirectory.node(state, watcher.nodeId()).map(NodeInfo::getState)
                        .orElse(NodeState.DOWN);
                if (node == NodeState.DOWN) {
                    watcher.onDown().run();
                }
            }
        }
    }
}
