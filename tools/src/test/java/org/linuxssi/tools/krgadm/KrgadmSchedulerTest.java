package org.linuxssi.tools.krgadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.DaemonError;
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
    void setWithoutAPolicyIsAUsageError() {
        KrgadmRun run = krgadm("scheduler", "set");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("POLICY").contains("Try 'krgadm scheduler set --help'");
        assertThat(daemon.requests).isEmpty();
    }
}
