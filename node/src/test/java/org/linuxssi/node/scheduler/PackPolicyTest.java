package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.PlacementRequest;

class PackPolicyTest {

    private static final PlacementRequest PACK = PlacementRequest.newBuilder().setPolicy("pack").build();

    private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), new TestClock());
    private final TestCluster cluster = new TestCluster();

    @Test
    void fillsNodeOneUntilItsCpusAreBusyThenNodeTwoThenTheLeastLoaded() throws Exception {
        cluster.online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);
        assertThat(cluster.sequence(scheduler, PACK, 8)).containsExactly(1, 1, 2, 2, 3, 3, 1, 2);
    }

    @Test
    void passesOverANodeBusyWithItsOwnWork() throws Exception {
        cluster.online(1, 2, 2.0).online(2, 2, 0);
        assertThat(cluster.sequence(scheduler, PACK, 3)).containsExactly(2, 2, 1);
    }

    @Test
    void aNodeBelowOneLoadPerCpuStillHasRoom() throws Exception {
        cluster.online(1, 2, 1.5).online(2, 2, 0);
        assertThat(cluster.sequence(scheduler, PACK, 2)).containsExactly(1, 2);
    }
}
