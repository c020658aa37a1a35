package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.Resources;
import org.linuxssi.api.v1.RunnableProcess;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.capability.KerrighedCapabilities;

class LoadBalancerTest {

    private static final String CRIU = "criu 4.1.1";

    /** Nodes whose readings the test controls, a process directory, and a mover that moves directory entries. */
    private static final class Cluster {
        final Map<Integer, String> criu = new TreeMap<>();
        final Map<Integer, Set<Long>> reading = new TreeMap<>();
        final Map<Long, ProcessEntry> directory = new LinkedHashMap<>();
        final List<String> moves = new ArrayList<>();
        final Set<Long> refused = new HashSet<>();
        BalancerMode mode = BalancerMode.BALANCER_ON;

        Cluster node(int id, String criuSummary) {
            criu.put(id, criuSummary);
            reading.put(id, new HashSet<>());
            return this;
        }

        /** A CPU-bound process on the node, reported runnable by the node's next reading. */
        long busy(int nodeId, long pid, boolean canMigrate) {
            long gpid = nodeId * 10_000_000L + pid;
            int caps = canMigrate ? KerrighedCapabilities.CAN_MIGRATE : 0;
            directory.put(gpid, ProcessEntry.newBuilder().setGpid(gpid).setNodeId(nodeId).setOriginNodeId(nodeId)
                    .setStartMs(pid).setCapabilities(CapabilitySets.newBuilder().setEffective(caps)
                            .setPermitted(caps)).build());
            reading.get(nodeId).add(gpid);
            return gpid;
        }

        /** Every node reads again: each shows the processes the directory places on it. */
        void heartbeats() {
            reading.values().forEach(Set::clear);
            directory.values().forEach(e -> reading.get(e.getNodeId()).add(e.getGpid()));
        }

        ClusterSnapshot snapshot() {
            ClusterSnapshot.Builder state = ClusterSnapshot.newBuilder()
                    .setScheduler(SchedulerSettings.newBuilder().setBalancer(mode));
            criu.forEach((id, summary) -> {
                Resources.Builder r = Resources.newBuilder().setCpus(2).setCriu(summary);
                reading.get(id).forEach(g -> r.addRunnable(RunnableProcess.newBuilder().setGpid(g).setCpu(0.9)));
                state.addNodes(NodeInfo.newBuilder().setNodeId(id).setState(NodeState.ONLINE).setResources(r));
            });
            return state.addAllProcesses(directory.values()).build();
        }

        void move(long gpid, int to) throws MigrationFailedException {
            if (refused.contains(gpid)) {
                throw new MigrationFailedException("criu dump failed");
            }
            moves.add(gpid + "->" + to);
            directory.put(gpid, directory.get(gpid).toBuilder().setNodeId(to).build());
        }

        Map<Integer, Integer> perNode() {
            Map<Integer, Integer> count = new TreeMap<>();
            criu.keySet().forEach(id -> count.put(id, 0));
            directory.values().forEach(e -> count.merge(e.getNodeId(), 1, Integer::sum));
            return count;
        }
    }

    private final TestClock clock = new TestClock();
    private final Cluster cluster = new Cluster().node(1, CRIU).node(2, CRIU);

    private LoadBalancer balancer(String conf) throws Exception {
        Scheduler scheduler = new Scheduler(SchedulerConfig.parse(conf, "scheduler.conf"));
        return new LoadBalancer(scheduler, cluster::snapshot, cluster::move, clock);
    }

    @Test
    void fourBusyProcessesOnOneNodeSpreadTwoAndTwoBeforeAnyReadingShowsTheMoves() throws Exception {
        for (int i = 1; i <= 4; i++) {
            cluster.busy(1, i, true);
        }
        LoadBalancer balancer = balancer("balancer_min_interval = 1s\n");
        assertThat(balancer.round()).isPresent();
        assertThat(balancer.round()).as("balancer_min_interval not over").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(balancer.round()).as("node 1's reading still lists the moved one; the directory does not")
                .isPresent();
        assertThat(cluster.perNode()).isEqualTo(Map.of(1, 2, 2, 2));
        clock.advance(Duration.ofSeconds(1));
        assertThat(balancer.round()).as("the two moved count on node 2 before its reading shows them").isEmpty();
        cluster.heartbeats();
        clock.advance(Duration.ofSeconds(30));
        assertThat(balancer.round()).as("2/2 is balanced").isEmpty();
        assertThat(cluster.moves).containsExactly("10000001->2", "10000002->2");
    }

    @Test
    void offInTheReplicatedStateOrByDefaultNothingMoves() throws Exception {
        for (int i = 1; i <= 4; i++) {
            cluster.busy(1, i, true);
        }
        cluster.mode = BalancerMode.BALANCER_OFF;
        assertThat(balancer("balancer = on\n").round()).isEmpty();
        cluster.mode = BalancerMode.BALANCER_UNSET;
        assertThat(balancer("").round()).as("scheduler.conf's default is off").isEmpty();
        assertThat(balancer("balancer = on\n").round()).isPresent();
    }

    @Test
    void onlyCanMigrateProcessesMoveButAllCountAsLoad() throws Exception {
        cluster.busy(1, 1, false);
        cluster.busy(1, 2, false);
        cluster.busy(1, 3, false);
        assertThat(balancer("").round()).isEmpty();
        long movable = cluster.busy(1, 4, true);
        cluster.busy(2, 5, true);
        assertThat(balancer("").round()).map(m -> m.process().gpid()).contains(movable);
    }

    @Test
    void aSmallGapOrAMoveThatWouldOnlyInvertItStays() throws Exception {
        cluster.busy(1, 1, true);
        assertThat(balancer("").round()).as("1/0 on 2 CPUs: 0.5 is not above the margin").isEmpty();
        cluster.busy(1, 2, true);
        cluster.busy(1, 3, true);
        cluster.busy(2, 4, true);
        cluster.busy(2, 5, true);
        assertThat(balancer("balancer_margin = 0.1\n").round()).as("3/2: moving one gives 2/3").isEmpty();
    }

    @Test
    void aNodeThatCannotCheckpointNeitherGivesNorTakes() throws Exception {
        Cluster noCriu = new Cluster().node(1, CRIU).node(2, "criu missing: not on PATH");
        for (int i = 1; i <= 4; i++) {
            noCriu.busy(1, i, true);
        }
        LoadBalancer balancer = new LoadBalancer(new Scheduler(SchedulerConfig.parse("", "s")), noCriu::snapshot,
                noCriu::move, clock);
        assertThat(balancer.round()).isEmpty();
    }

    @Test
    void aFailedMigrationIsSkippedForTheProcessIntervalAndAnotherProcessMoves() throws Exception {
        long first = cluster.busy(1, 1, true);
        cluster.busy(1, 2, true);
        cluster.busy(1, 3, true);
        cluster.busy(1, 4, true);
        cluster.refused.add(first);
        LoadBalancer balancer = balancer("balancer_min_interval = 1s\nbalancer_process_interval = 60s\n");
        assertThat(balancer.round()).map(m -> m.process().gpid()).contains(first);
        assertThat(cluster.moves).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(balancer.round()).map(m -> m.process().gpid()).contains(10000002L);
        assertThat(cluster.moves).containsExactly("10000002->2");
    }

    @Test
    void aMovedProcessDoesNotMoveBackWithinTheProcessInterval() throws Exception {
        long moved = cluster.busy(1, 1, true);
        cluster.busy(1, 2, true);
        cluster.busy(1, 3, true);
        LoadBalancer balancer = balancer("balancer_min_interval = 1s\nbalancer_margin = 0.1\n");
        assertThat(balancer.round()).map(m -> m.process().gpid()).contains(moved);
        cluster.heartbeats();
        // Node 1's two processes end; node 2 now has the moved one and a newcomer.
        cluster.directory.remove(10000002L);
        cluster.directory.remove(10000003L);
        cluster.busy(2, 9, false);
        cluster.heartbeats();
        clock.advance(Duration.ofSeconds(5));
        assertThat(balancer.round()).as("only the moved process could go, and it just came").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(balancer.round()).map(m -> m.process().gpid()).contains(moved);
    }
}
