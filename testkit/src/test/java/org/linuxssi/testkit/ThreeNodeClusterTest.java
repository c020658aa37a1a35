package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the process-space test classes: one 3-node cluster of real daemons for the
 * whole class, a Processes client on node 1, and no LinuxSSI process left after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThreeNodeClusterTest {

    @TempDir
    static Path dir;

    LocalCluster cluster;
    ProcessClient node1;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(3).start(Duration.ofSeconds(90));
        node1 = new ProcessClient(cluster.node(1));
    }

    @AfterAll
    void stopCluster() {
        node1.close();
        cluster.close();
    }

    @AfterEach
    void noProcessLeft() {
        await().atMost(RunHandle.PATIENCE).untilAsserted(() ->
                assertThat(node1.list().getProcessesList()).as("processes left running").isEmpty());
    }
}
