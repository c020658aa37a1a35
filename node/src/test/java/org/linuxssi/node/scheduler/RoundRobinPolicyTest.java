package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PlacementRequest;

class RoundRobinPolicyTest {

    private static final PlacementRequest RING = PlacementRequest.newBuilder().setPolicy("round_robin").build();

    private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), new TestClock());
    private final TestCluster cluster = new TestCluster();

    @Test
    void followsTheRingOfNodeIdsAndWraps() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        assertThat(cluster.sequence(scheduler, RING, 7)).containsExactly(1, 2, 3, 1, 2, 3, 1);
    }

    @Test
    void ignoresLoad() throws Exception {
        cluster.online(1, 1, 50).online(2, 8, 0);
        assertThat(cluster.sequence(scheduler, RING, 4)).containsExactly(1, 2, 1, 2);
    }

    @Test
    void skipsNodesThatAreDownOrOnlyPresent() throws Exception {
        cluster.online(1, 2, 0).node(2, NodeState.DOWN, 2, 0).online(3, 2, 0).node(4, NodeState.PRESENT, 2, 0)
                .online(5, 2, 0);
        assertThat(cluster.sequence(scheduler, RING, 4)).containsExactly(1, 3, 5, 1);
    }

    @Test
    void goesOnFromThePreviousIdWhenTheRingChanges() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        assertThat(cluster.sequence(scheduler, RING, 2)).containsExactly(1, 2);
        cluster.state(3, NodeState.DOWN).online(4, 2, 0);
        assertThat(cluster.sequence(scheduler, RING, 3)).containsExactly(4, 1, 2);
    }

    @Test
    void turnsOnlyThroughTheAllowedNodes() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        PlacementRequest twoAndThree = RING.toBuilder().addAllowedNodes(2).addAllowedNodes(3).build();
        assertThat(cluster.sequence(scheduler, twoAndThree, 3)).containsExactly(2, 3, 2);
    }
}
