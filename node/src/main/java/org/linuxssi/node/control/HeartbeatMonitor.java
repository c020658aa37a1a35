package org.linuxssi.node.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.MarkNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the Raft leader, marks online nodes {@code down} and forgets present nodes once they
 * have been silent longer than the heartbeat timeout. Arrival times are this manager's own
 * monotonic clock at apply time, so clock skew between machines does not matter; a manager
 * that just became leader gives a node it never heard from a full timeout before judging it.
 */
public final class HeartbeatMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatMonitor.class);

    private final ClusterState state;
    private final Duration timeout;
    private final Map<Integer, Long> lastSeen = new ConcurrentHashMap<>();
    private volatile boolean leader;
    private volatile long leaderSince;

    public HeartbeatMonitor(ClusterState state, Duration timeout) {
        this.state = state;
        this.timeout = timeout;
    }

    /** Called for every command this manager applies. */
    public void onApplied(ClusterCommand command) {
        switch (command.getCommandCase()) {
            case REGISTER_NODE -> lastSeen.put(command.getRegisterNode().getNodeId(), System.nanoTime());
            case HEARTBEAT -> lastSeen.put(command.getHeartbeat().getNodeId(), System.nanoTime());
            default -> {
            }
        }
    }

    public void onLeadership(boolean isLeader) {
        if (isLeader && !leader) {
            leaderSince = System.nanoTime();
            LOG.info("this manager is now the Raft leader");
        }
        leader = isLeader;
    }

    public boolean isLeader() {
        return leader;
    }

    /** Runs until interrupted, checking a few times per timeout. */
    public void run(ControlPlane control) {
        long period = Math.max(100, timeout.toMillis() / 10);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            if (leader) {
                check(control);
            }
        }
    }

    private void check(ControlPlane control) {
        long now = System.nanoTime();
        List<Integer> down = new ArrayList<>();
        List<Integer> forget = new ArrayList<>();
        for (NodeInfo node : state.snapshot().getNodesList()) {
            // Followers record arrivals too, so a new leader judges known nodes at once;
            // only nodes it never heard from get a full timeout from its election.
            long seen = lastSeen.getOrDefault(node.getNodeId(), leaderSince);
            if (now - seen < timeout.toNanos()) {
                continue;
            }
            if (node.getState() == NodeState.ONLINE) {
                down.add(node.getNodeId());
            } else if (node.getState() == NodeState.PRESENT) {
                forget.add(node.getNodeId());
            }
        }
        if (down.isEmpty() && forget.isEmpty()) {
            return;
        }
        try {
            control.submit(ClusterCommand.newBuilder().setMarkNodes(MarkNodes.newBuilder()
                    .addAllDown(down).addAllForget(forget)).build(), timeout);
            if (!down.isEmpty()) {
                LOG.warn("nodes {} stopped answering for {} ms: marked down", down, timeout.toMillis());
            }
            if (!forget.isEmpty()) {
                LOG.info("present nodes {} went away: forgotten", forget);
            }
        } catch (NoQuorumException | CommandRefusedException e) {
            LOG.warn("could not mark silent nodes {}: {}", down, e.getMessage());
        }
    }
}
