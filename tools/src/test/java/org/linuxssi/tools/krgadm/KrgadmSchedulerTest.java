package org.linuxssi.tools.krgadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.GetSchedulerRequest;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.tools.FakeDaemon;
import org.linuxssi.tools.KrgadmRun;

/** krgadm scheduler show/set against a fake ClusterAdmin. */
class KrgadmSchedulerTest {

    private static final String NL = System.lineSeparator();

    private FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new FakeDaemon();
        daemon.scheduler = SchedulerSettings.newBuilder().setPolicy("least_loaded").addAvailablePolicies("least_loaded")
                .addAvailablePolicies("round_robin").addAvailablePolicies("pack").build();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    private KrgadmRun krgadm(String... args) {
        return KrgadmRun.of(Map.of("LINUXSSI_SOCKET", daemon.socket().toString()), args);
    }

    @Test
    void showPrintsThePolicyAndTheAvailableOnes() {
        KrgadmRun expected = new KrgadmRun(0, "policy: least_loaded" + NL
                + "available: least_loaded round_robin pack" + NL, "");
        assertThat(krgadm("scheduler", "show")).isEqualTo(expected);
        assertThat(krgadm("scheduler")).isEqualTo(expected);
        assertThat(daemon.requests).containsExactly(GetSchedulerRequest.getDefaultInstance(),
                GetSchedulerRequest.getDefaultInstance());
    }

    @Test
    void showAsJson() {
        KrgadmRun run = krgadm("scheduler", "show", "--json");
        assertThat(run.out()).startsWith("{").contains("\"policy\": \"least_loaded\"", "\"available_policies\"");
    }

    @Test
    void setSendsThePolicyAndPrintsTheNewOne() {
        assertThat(krgadm("scheduler", "set", "round_robin"))
                .isEqualTo(new KrgadmRun(0, "policy: round_robin" + NL, ""));
        assertThat(daemon.requests).containsExactly(SchedulerSettings.newBuilder().setPolicy("round_robin").build());
    }

    @Test
    void anUnknownPolicyIsTheDaemonsRefusal() {
        daemon.failure = DaemonError.invalidArgument(
                "unknown policy 'fastest' (expected least_loaded, round_robin or pack)");
        assertThat(krgadm("scheduler", "set", "fastest")).isEqualTo(new KrgadmRun(1, "",
                "krgadm: unknown policy 'fastest' (expected least_loaded, round_robin or pack)" + NL));
    }

    @Test
    void showPrintsTheBalancerWhenTheDaemonSaysIt() {
        daemon.scheduler = daemon.scheduler.toBuilder().setBalancer(BalancerMode.BALANCER_OFF).build();
        assertThat(krgadm("scheduler", "show")).isEqualTo(new KrgadmRun(0, "policy: least_loaded" + NL
                + "available: least_loaded round_robin pack" + NL + "balancer: off" + NL, ""));
    }

    @Test
    void setBalancerOnAndOff() {
        assertThat(krgadm("scheduler", "set", "balancer", "on")).isEqualTo(new KrgadmRun(0, "balancer: on" + NL, ""));
        assertThat(krgadm("scheduler", "set", "balancer", "off"))
                .isEqualTo(new KrgadmRun(0, "balancer: off" + NL, ""));
        assertThat(daemon.requests).containsExactly(
                SchedulerSettings.newBuilder().setBalancer(BalancerMode.BALANCER_ON).build(),
                SchedulerSettings.newBuilder().setBalancer(BalancerMode.BALANCER_OFF).build());
    }

    @Test
    void aBadBalancerModeIsAUsageErrorNamingIt() {
        KrgadmRun bad = krgadm("scheduler", "set", "balancer", "maybe");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("krgadm: balancer mode 'maybe' is not allowed (allowed: on, off)");
        KrgadmRun missing = krgadm("scheduler", "set", "balancer");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("krgadm: missing balancer mode (allowed: on, off)");
        KrgadmRun extra = krgadm("scheduler", "set", "pack", "on");
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.err()).startsWith("krgadm: unexpected 'on' after policy pack");
        assertThat(daemon.requests).isEmpty();
    }

    @Test
    void setWithoutAPolicyIsAUsageError() {
        KrgadmRun run = krgadm("scheduler", "set");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("POLICY").contains("Try 'krgadm scheduler set --help'");
        assertThat(daemon.requests).isEmpty();
    }
}
