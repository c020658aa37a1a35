package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PlacementRequest;

class NodeFiltersTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final PlacementRequest ANY = PlacementRequest.getDefaultInstance();

    private final TestClock clock = new TestClock();
    private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), clock);
    private final TestCluster cluster = new TestCluster();

    private static PlacementRequest memory(long bytes) {
        return PlacementRequest.newBuilder().setMemBytes(bytes).build();
    }

    @Test
    void noOnlineNodeIsOneLineNamingTheNodesThatCannotTakeWork() {
        assertThatThrownBy(() -> scheduler.place(ANY, cluster.snapshot()))
                .isInstanceOf(PlacementException.class).hasMessage("no online node to run on");
        cluster.node(2, NodeState.PRESENT, 2, 0).node(3, NodeState.DOWN, 2, 0).node(5, NodeState.PRESENT, 2, 0);
        assertThatThrownBy(() -> scheduler.place(ANY, cluster.snapshot())).hasMessage(
                "no online node to run on (not admitted: 2,5, 'krgadm nodes add' admits them; down: 3)");
    }

    @Test
    void memoryThatFitsNowhereNamesWhatWasAskedAndTheMostAnyNodeHas() {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0).node(4, NodeState.DOWN, 2, 0)
                .memFreeKb(1, 8 * TestCluster.GIB_KB).memFreeKb(2, 22_334_669).memFreeKb(3, 4 * TestCluster.GIB_KB)
                .memFreeKb(4, 100 * TestCluster.GIB_KB);
        assertThatThrownBy(() -> scheduler.place(memory(64 * GIB), cluster.snapshot()))
                .hasMessage("no online node has 64.0 GiB free (most: node 2 with 21.3 GiB)");
        PlacementRequest onNode3 = memory(6 * GIB).toBuilder().addAllowedNodes(3).build();
        assertThatThrownBy(() -> scheduler.place(onNode3, cluster.snapshot()))
                .hasMessage("no allowed online node has 6.0 GiB free (most: node 3 with 4.0 GiB)");
        assertThatThrownBy(() -> scheduler.place(memory(25 * GIB + GIB / 2), cluster.snapshot()))
                .hasMessageStartingWith("no online node has 25.5 GiB free");
        assertThatThrownBy(() -> scheduler.place(memory(30 * GIB), cluster.memFreeKb(2, 512 * 1024).snapshot()))
                .hasMessage("no online node has 30.0 GiB free (most: node 1 with 8.0 GiB)");
    }

    @Test
    void memoryGoesToTheLeastLoadedNodeWhereItFits() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 3).memFreeKb(1, 2 * TestCluster.GIB_KB);
        assertThat(scheduler.place(memory(4 * GIB), cluster.snapshot()).getNodeId()).isEqualTo(2);
        assertThat(scheduler.place(ANY, cluster.snapshot()).getNodeId()).isEqualTo(1);
    }

    @Test
    void memoryPromisedToProcessesStartingOnANodeIsNotFreeUntilItsReadingsShowThem() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).memFreeKb(1, 20 * TestCluster.GIB_KB)
                .memFreeKb(2, 2 * TestCluster.GIB_KB).heartbeat(1, 0, 0).heartbeat(2, 0, 0);
        assertThat(scheduler.place(memory(16 * GIB), cluster.snapshot()).getNodeId()).isEqualTo(1);
        assertThatThrownBy(() -> scheduler.place(memory(8 * GIB), cluster.snapshot())).hasMessage(
                "no online node has 8.0 GiB free (most: node 1 with 4.0 GiB, 16.0 GiB more promised to processes "
                        + "starting there)");
        clock.advance(Duration.ofSeconds(5));
        cluster.started(1).heartbeat(1, 5000, 1).memFreeKb(1, 4 * TestCluster.GIB_KB);
        assertThatThrownBy(() -> scheduler.place(memory(8 * GIB), cluster.snapshot()))
                .hasMessage("no online node has 8.0 GiB free (most: node 1 with 4.0 GiB)");
        assertThat(scheduler.place(memory(3 * GIB), cluster.snapshot()).getNodeId()).isEqualTo(1);
    }

    @Test
    void noMemoryAskedFitsAnyNode() throws Exception {
        cluster.online(1, 2, 0).memFreeKb(1, 0);
        assertThat(scheduler.place(ANY, cluster.snapshot()).getNodeId()).isEqualTo(1);
    }

    @Test
    void onlyAllowedNodesAreUsed() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        PlacementRequest twoAndThree = PlacementRequest.newBuilder().addAllowedNodes(3).addAllowedNodes(2).build();
        assertThat(cluster.placeMany(scheduler, twoAndThree, 6)).isEqualTo(Map.of(2, 3, 3, 3));
    }

    @Test
    void allowedNodesThatAreNotOnlineAreNamed() {
        cluster.online(1, 2, 0).online(2, 2, 0).node(4, NodeState.DOWN, 2, 0);
        PlacementRequest elsewhere = PlacementRequest.newBuilder().addAllowedNodes(7).addAllowedNodes(4).build();
        assertThatThrownBy(() -> scheduler.place(elsewhere, cluster.snapshot()))
                .hasMessage("none of the allowed nodes (4,7) is online (online: 1,2)");
    }
}
