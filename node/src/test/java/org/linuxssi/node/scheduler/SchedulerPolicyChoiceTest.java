package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.PlacementRequest;

class SchedulerPolicyChoiceTest {

    private final TestCluster cluster = new TestCluster().online(1, 2, 0).online(2, 2, 0).online(3, 2, 0);

    @Test
    void knowsThreePoliciesTheDefaultFirst() {
        assertThat(Scheduler.policies()).containsExactly("least_loaded", "round_robin", "pack");
    }

    @Test
    void effectivePolicyIsTheReplicatedSettingElseTheConfigDefault() throws Exception {
        assertThat(new Scheduler(SchedulerConfig.defaults()).effectivePolicy(cluster.snapshot()))
                .isEqualTo("least_loaded");
        Scheduler packByDefault = new Scheduler(SchedulerConfig.parse("policy = pack\n", "scheduler.conf"));
        assertThat(packByDefault.effectivePolicy(cluster.snapshot())).isEqualTo("pack");
        assertThat(packByDefault.effectivePolicy(cluster.policy("round_robin").snapshot())).isEqualTo("round_robin");
    }

    @Test
    void theConfigDefaultDecidesWhenNothingElseDoes() throws Exception {
        Scheduler scheduler = new Scheduler(SchedulerConfig.parse("policy = pack\n", "scheduler.conf"));
        assertThat(cluster.sequence(scheduler, PlacementRequest.getDefaultInstance(), 3)).containsExactly(1, 1, 2);
    }

    @Test
    void theReplicatedSettingBeatsTheConfigAndTheRequestBeatsBoth() throws Exception {
        Scheduler scheduler = new Scheduler(SchedulerConfig.parse("policy = pack\n", "scheduler.conf"));
        cluster.policy("round_robin");
        assertThat(cluster.sequence(scheduler, PlacementRequest.getDefaultInstance(), 3)).containsExactly(1, 2, 3);
        PlacementRequest pack = PlacementRequest.newBuilder().setPolicy("pack").build();
        assertThat(cluster.sequence(scheduler, pack, 1)).containsExactly(1);
    }

    @Test
    void anUnknownPolicyIsNamedWithTheAllowedOnes() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
        PlacementRequest fastest = PlacementRequest.newBuilder().setPolicy("fastest").build();
        assertThatThrownBy(() -> scheduler.place(fastest, cluster.snapshot())).isInstanceOf(PlacementException.class)
                .hasMessage("unknown policy 'fastest' (allowed: least_loaded, round_robin, pack)");
        assertThatThrownBy(() -> scheduler.place(PlacementRequest.getDefaultInstance(),
                cluster.policy("random").snapshot()))
                .hasMessage("unknown policy 'random' (allowed: least_loaded, round_robin, pack)");
    }
}
