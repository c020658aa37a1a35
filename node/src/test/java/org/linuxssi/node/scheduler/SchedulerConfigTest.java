package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
                .hasMessage("scheduler.conf:1: unknown key 'polcy' (known keys: policy)");
        assertThatThrownBy(() -> parse("\npolicy pack\n"))
                .hasMessage("scheduler.conf:2: 'policy pack' is not a 'key = value' line");
        assertThatThrownBy(() -> parse("policy = pack\npolicy = round_robin\n"))
                .hasMessage("scheduler.conf:2: policy is set twice (first on line 1)");
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
