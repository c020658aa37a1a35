package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.PlacementReply;
import org.linuxssi.api.v1.PlacementRequest;
import org.linuxssi.api.v1.state.ClusterSnapshot;

class LeastLoadedPolicyTest {

    private static final PlacementRequest ANY = PlacementRequest.getDefaultInstance();

    private final TestClock clock = new TestClock();
    private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), clock);
    private final TestCluster cluster = new TestCluster();

    @Test
    void sixLaunchesAtOnceOnThreeIdleTwoCpuNodesLandTwoPerNode() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        assertThat(cluster.placeMany(scheduler, ANY, 6)).isEqualTo(Map.of(1, 2, 2, 2, 3, 2));
    }

    @Test
    void aBurstOfHundredSpreadsEvenlyInsteadOfLandingOnTheIdlestNode() throws Exception {
        cluster.online(1, 2, 0.1).online(2, 2, 0).online(3, 2, 0.2);
        assertThat(cluster.placeMany(scheduler, ANY, 100)).containsOnlyKeys(1, 2, 3)
                .satisfies(perNode -> assertThat(perNode.values()).containsExactlyInAnyOrder(34, 33, 33));
    }

    @Test
    void aHundredOnIdenticalIdleNodesGive34To33To33LowestIdFirst() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        assertThat(cluster.placeMany(scheduler, ANY, 100)).isEqualTo(Map.of(1, 34, 2, 33, 3, 33));
    }

    @Test
    void aBusyNodeGetsFewerUntilTheOthersCatchUp() throws Exception {
        // Node 1 runs 4 processes on 2 CPUs: the others take 4 each before it is least loaded again.
        cluster.online(1, 2, 4.0).online(2, 2, 0).online(3, 2, 0);
        assertThat(cluster.placeMany(scheduler, ANY, 12)).isEqualTo(Map.of(1, 2, 2, 5, 3, 5));
    }

    @Test
    void loadIsComparedPerCpu() throws Exception {
        cluster.online(1, 8, 4.0).online(2, 2, 1.5);
        assertThat(scheduler.place(ANY, cluster.snapshot()).getNodeId()).isEqualTo(1);
    }

    @Test
    void tiesGoToTheLowestNodeIdWhateverTheOrderOfTheTable() throws Exception {
        ClusterSnapshot sorted = cluster.online(1, 2, 0.5).online(2, 2, 0.5).online(3, 2, 0.5).snapshot();
        ClusterSnapshot reversed = sorted.toBuilder().clearNodes()
                .addAllNodes(List.of(sorted.getNodes(2), sorted.getNodes(1), sorted.getNodes(0))).build();
        PlacementReply reply = scheduler.place(ANY, reversed);
        assertThat(reply.getNodeId()).isEqualTo(1);
        assertThat(reply.getAddress()).isEqualTo("127.0.0.1:7470");
    }

    @Test
    void placementsWhoseProcessesEndedStopCountingAfterTheGracePeriod() throws Exception {
        cluster.online(1, 1, 0).online(2, 1, 0);
        PlacementRequest onlyNode1 = PlacementRequest.newBuilder().addAllowedNodes(1).build();
        for (int i = 0; i < 5; i++) {
            cluster.launched(scheduler.place(onlyNode1, cluster.snapshot()));
        }
        cluster.allExited(1);
        clock.advance(Duration.ofSeconds(1));
        // Too early to tell an ended process from one whose start is not in the directory yet.
        PlacementReply early = scheduler.place(ANY, cluster.snapshot());
        assertThat(early.getNodeId()).isEqualTo(2);
        cluster.launched(early);
        clock.advance(Duration.ofMillis(PlacementLedger.DIRECTORY_GRACE_MS));
        // Node 2's process is running and counts; node 1's five are gone from the directory.
        assertThat(scheduler.place(ANY, cluster.snapshot()).getNodeId()).isEqualTo(1);
    }

    @Test
    void aSteadyStreamSharesNodesByTheirCpus() throws Exception {
        // Node 1 has 4 CPUs, nodes 2 and 3 have 2. Two CPU-bound processes arrive every second for two minutes.
        SimulatedNodes nodes = new SimulatedNodes(new int[] {0, 4, 2, 2}, new int[4]);
        for (int second = 0; second < 120; second++) {
            nodes.tick(second);
            nodes.launch(2);
        }
        assertThat((double) nodes.running[1]).isCloseTo(120, within(3.0));
        assertThat((double) nodes.running[2]).isCloseTo(60, within(3.0));
        assertThat((double) nodes.running[3]).isCloseTo(60, within(3.0));
    }

    @Test
    void aNodeThatJoinsIdleGetsItsShareNotTheWholeStreamWhileItsLoad1CatchesUp() throws Exception {
        // Nodes 1 and 2 have run 10 processes each for long; node 3 joins idle. One process arrives a second for
        // 30 s. Counting placements only until the next heartbeat, or for a few seconds, would send all 30 to
        // node 3: its load1 shows under 7 of them after 30 s.
        SimulatedNodes nodes = new SimulatedNodes(new int[] {0, 2, 2, 2}, new int[] {0, 10, 10, 0});
        for (int second = 0; second < 30; second++) {
            nodes.tick(second);
            nodes.launch(1);
        }
        // 50 processes on three equal nodes.
        assertThat((double) nodes.running[3]).isCloseTo(50 / 3.0, within(2.0));
    }

    /**
     * Nodes whose load1 behaves as the kernel's: every 5 s it moves toward the runnable count by 1 - e^(-5/60).
     * They report every second; every placed process is CPU-bound and runs to the end of the test.
     */
    private final class SimulatedNodes {
        private static final double DECAY = Math.exp(-5.0 / 60);
        final int[] running;
        private final double[] load1;

        SimulatedNodes(int[] cpus, int[] running) {
            this.running = running.clone();
            this.load1 = new double[cpus.length];
            for (int id = 1; id < cpus.length; id++) {
                load1[id] = running[id];
                cluster.online(id, cpus[id], load1[id]);
                for (int p = 0; p < running[id]; p++) {
                    cluster.started(id);
                }
            }
        }

        void tick(int second) {
            clock.advance(Duration.ofSeconds(second == 0 ? 0 : 1));
            for (int id = 1; id < running.length; id++) {
                if (second % 5 == 0) {
                    load1[id] = load1[id] * DECAY + running[id] * (1 - DECAY);
                }
                cluster.heartbeat(id, second * 1000L, load1[id]);
            }
        }

        void launch(int count) throws PlacementException {
            for (int i = 0; i < count; i++) {
                PlacementReply reply = scheduler.place(ANY, cluster.snapshot());
                running[reply.getNodeId()]++;
                cluster.launched(reply);
            }
        }
    }
}
