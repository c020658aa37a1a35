package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.NodeState;

class PlacementLedgerTest {

    private static final long GIB = 1024L * 1024 * 1024;

    private final PlacementLedger ledger = new PlacementLedger();
    private final ClusterProbe probe = new ClusterProbe(ledger);
    private final TestCluster cluster = new TestCluster().online(1, 2, 0).online(2, 2, 0);

    private CandidateNode node1(long nowMs) {
        return probe.read(cluster.snapshot(), nowMs).get(0);
    }

    @Test
    void aPlacementCountsWhollyUntilTheNodesNextReadingThenFadesAsLoad1TakesItIn() {
        cluster.heartbeat(1, 1000, 0).started(1);
        ledger.record(node1(1500), 0, 1500);
        assertThat(node1(1500).pendingLoad()).isEqualTo(1.0);
        assertThat(node1(30_000).pendingLoad()).as("no newer reading yet").isEqualTo(1.0);

        cluster.heartbeat(1, 61_000, 0.63);
        assertThat(node1(61_500).pendingLoad()).isCloseTo(Math.exp(-1), within(1e-9));
        assertThat(node1(61_500).load()).isCloseTo(1.0, within(0.01));

        cluster.heartbeat(1, 1000 + 181_000, 0.95);
        assertThat(node1(182_500).pendingLoad()).as("below 5%, forgotten").isZero();
    }

    @Test
    void readingsAreComparedOnTheNodesOwnClockSoClockSkewDoesNotMatter() {
        // The node's clock is an hour ahead of the leader's.
        long hour = 3_600_000;
        cluster.heartbeat(1, hour, 0).started(1);
        ledger.record(node1(0), 0, 0);
        assertThat(node1(500).pendingLoad()).isEqualTo(1.0);
        cluster.heartbeat(1, hour + 1000, 0);
        assertThat(node1(1000).pendingLoad()).isCloseTo(Math.exp(-1.0 / 60), within(1e-9));
    }

    @Test
    void aNodeClockSteppingBackCannotPinAPlacementForever() {
        cluster.heartbeat(1, 100_000, 0).started(1);
        ledger.record(node1(0), 0, 0);
        cluster.heartbeat(1, 50_000, 0);
        assertThat(node1(PlacementLedger.FORGOTTEN_AFTER_MS).pendingLoad()).isEqualTo(1.0);
        assertThat(node1(PlacementLedger.FORGOTTEN_AFTER_MS + 1).pendingLoad()).isZero();
    }

    @Test
    void memoryIsPromisedUntilAReadingTakenFiveSecondsAfterThePlacement() {
        cluster.heartbeat(1, 1000, 0).started(1);
        ledger.record(node1(1000), 4 * GIB, 1000);
        assertThat(node1(1000).promisedMemBytes()).isEqualTo(4 * GIB);
        assertThat(node1(1000).memAvailableBytes()).isEqualTo(12 * GIB);
        cluster.heartbeat(1, 5999, 0);
        assertThat(node1(6000).promisedMemBytes()).isEqualTo(4 * GIB);
        cluster.heartbeat(1, 6000, 0);
        assertThat(node1(6000).promisedMemBytes()).isZero();
        assertThat(node1(6000).pendingLoad()).as("the load still counts").isGreaterThan(0.9);
    }

    @Test
    void dueDeadPlacementsCannotOutnumberTheNodesLiveProcesses() {
        for (int i = 0; i < 3; i++) {
            ledger.record(node1(0), 0, 0);
        }
        cluster.started(1).started(1);
        long due = PlacementLedger.DIRECTORY_GRACE_MS;
        assertThat(node1(due - 1).pendingLoad()).as("not due yet").isEqualTo(3.0);
        assertThat(node1(due).pendingLoad()).isEqualTo(2.0);
        assertThat(node1(due).processes()).isEqualTo(2);
        cluster.allExited(1);
        assertThat(node1(due).pendingLoad()).isZero();
    }

    @Test
    void aNodeThatLeavesTheClusterTakesItsPlacementsWithIt() {
        cluster.started(1);
        ledger.record(node1(0), GIB, 0);
        cluster.state(1, NodeState.DOWN);
        probe.read(cluster.snapshot(), 100);
        cluster.state(1, NodeState.ONLINE);
        assertThat(node1(200).pendingLoad()).isZero();
        assertThat(node1(200).promisedMemBytes()).isZero();
    }
}
