package org.linuxssi.node.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The scheduler.conf shipped in dist/ parses as it is, and documents every key and every policy. */
class ShippedSchedulerConfTest {

    private static final Path SHIPPED = Path.of("..", "dist", "etc", "linuxssi", "scheduler.conf");

    @Test
    void parsesAndDocumentsEveryKeyAndPolicy() throws Exception {
        String text = Files.readString(SHIPPED);
        assertThat(SchedulerConfig.read(SHIPPED).defaultPolicy()).isEqualTo(SchedulerConfig.DEFAULT_POLICY);
        for (String key : SchedulerConfigParser.KEYS) {
            assertThat(text).as("documents " + key).containsPattern("(?m)^#?" + key + " = ");
        }
        for (String policy : Scheduler.policies()) {
            assertThat(text).as("explains " + policy).containsPattern("(?m)^#\\s+" + policy + "\\s");
        }
    }
}
