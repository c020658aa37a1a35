package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.node.config.ConfigException;

class SchedulerConfigTest {

    private static SchedulerConfig parse(String text) throws ConfigException {
        return SchedulerConfig.parse(text, "scheduler.conf");
    }

    @Test
    void defaultsToLeastLoaded() throws ConfigException {
        assertThat(SchedulerConfig.defaults().defaultPolicy()).isEqualTo("least_loaded");
        assertThat(parse("# nothing set\n\n").defaultPolicy()).isEqualTo("least_loaded");
        assertThat(parse("policy =\n").defaultPolicy()).as("empty keeps the default").isEqualTo("least_loaded");
    }

    @Test
    void readsEveryPolicy() throws ConfigException {
        for (String policy : Scheduler.policies()) {
            assertThat(parse("  policy =   " + policy + "  \n").defaultPolicy()).isEqualTo(policy);
        }
    }

    @Test
    void anUnknownPolicyIsNamedWithItsLineAndTheAllowedOnes() {
        assertThatThrownBy(() -> parse("# scheduler\n\npolicy = fastest\n")).isInstanceOf(ConfigException.class)
                .hasMessage("scheduler.conf:3: unknown policy 'fastest' (allowed: least_loaded, round_robin, pack)");
    }

    @Test
    void unknownKeysMalformedLinesAndRepeatsAreNamed() {
        assertThatThrownBy(() -> parse("polcy = pack\n"))
                .hasMessage("scheduler.conf:1: unknown key 'polcy' (known keys: balancer, balancer_interval, "
                        + "balancer_margin, balancer_min_interval, balancer_process_interval, policy)");
        assertThatThrownBy(() -> parse("\npolicy pack\n"))
                .hasMessage("scheduler.conf:2: 'policy pack' is not a 'key = value' line");
        assertThatThrownBy(() -> parse("policy = pack\npolicy = round_robin\n"))
                .hasMessage("scheduler.conf:2: policy is set twice (first on line 1)");
    }

    @Test
    void theBalancerIsOffByDefaultAndItsKeysAreRead() throws ConfigException {
        assertThat(parse("").balancer()).isEqualTo(BalancerConfig.defaults());
        assertThat(parse("balancer =\n").balancer().on()).isFalse();
        BalancerConfig set = parse("balancer = on\nbalancer_interval = 500ms\nbalancer_margin = 0.25\n"
                + "balancer_min_interval = 4s\nbalancer_process_interval = 90\n").balancer();
        assertThat(set).isEqualTo(new BalancerConfig(true, java.time.Duration.ofMillis(500), 0.25,
                java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(90)));
    }

    @Test
    void badBalancerValuesAreNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> parse("balancer = yes\n"))
                .hasMessage("scheduler.conf:1: balancer = yes is not allowed (allowed: on, off)");
        assertThatThrownBy(() -> parse("\nbalancer_interval = 2 minutes\n"))
                .hasMessage("scheduler.conf:2: balancer_interval = 2 minutes is not a duration (e.g. 5s or 500ms, "
                        + "more than 0)");
        assertThatThrownBy(() -> parse("balancer_min_interval = 0s\n"))
                .hasMessageStartingWith("scheduler.conf:1: balancer_min_interval = 0s is not a duration");
        for (String margin : List.of("0", "-1", "11", "lots", "NaN")) {
            assertThatThrownBy(() -> parse("balancer_margin = " + margin + "\n"))
                    .hasMessage("scheduler.conf:1: balancer_margin = " + margin + " is not allowed (a load per CPU "
                            + "from 0.05 to 10, e.g. 0.5)");
        }
    }

    @Test
    void aMissingFileMeansEveryDefault(@TempDir Path dir) throws ConfigException {
        assertThat(SchedulerConfig.read(dir.resolve("scheduler.conf")).defaultPolicy()).isEqualTo("least_loaded");
    }

    @Test
    void aFileIsReadAndNamedInMessages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scheduler.conf");
        Files.writeString(file, "policy = round_robin\n");
        assertThat(SchedulerConfig.read(file).defaultPolicy()).isEqualTo("round_robin");
        Files.writeString(file, "policy = RoundRobin\n");
        assertThatThrownBy(() -> SchedulerConfig.read(file)).hasMessageStartingWith(file + ":1: unknown policy");
        assertThatThrownBy(() -> SchedulerConfig.read(dir)).hasMessageStartingWith(dir + ": cannot be read");
    }
}
