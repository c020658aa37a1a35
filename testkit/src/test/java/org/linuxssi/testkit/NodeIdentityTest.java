package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node ids from the kernel command line, duplicate ids, and sessions that stay apart. */
class NodeIdentityTest {

    @TempDir
    Path dir;

    @Test
    void nodeIdOnTheKernelCommandLineOverridesAuto() throws Exception {
        Path cmdline = dir.resolve("cmdline");
        Files.writeString(cmdline, "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro node_id=42 quiet\n");
        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("c")).nodes(1)
                .daemonArgs("--cmdline", cmdline.toString()).create()) {
            cluster.startAll();
            cluster.awaitStates(Duration.ofSeconds(60), java.util.Map.of(42, org.linuxssi.api.v1.NodeState.ONLINE));
            assertThat(ToolRun.krgadm(cluster.node(1), "nodes", "status").out()).isEqualTo("42:online\n");
            assertThat(cluster.node(1).logTail(50)).contains("node 42 (from kernel command line (" + cmdline + "))");
        }
    }

    @Test
    void aSecondDaemonClaimingAnIdInUseIsRefusedNamingBothAddresses() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("c")).nodes(2).managers(1)
                .configLine(2, "node_id = 1").create()) {
            cluster.node(1).start();
            cluster.awaitStates(Duration.ofSeconds(60), java.util.Map.of(1, org.linuxssi.api.v1.NodeState.ONLINE));
            cluster.node(2).start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !cluster.node(2).isRunning());
            String address1 = "127.0.0.1:" + cluster.port();
            String address2 = "127.0.0.2:" + cluster.port();
            assertThat(cluster.node(2).logTail(5)).contains("linuxssid: node_id 1 is already used by the daemon at "
                    + address1 + "; refusing the daemon at " + address2);
            // One call only: two in a row differ whenever a heartbeat with new load figures lands in between.
            assertThat(ToolRun.krgadm(cluster.node(1), "nodes", "status", "-v").out())
                    .startsWith("1:online " + address1).doesNotContain(address2);
        }
    }

    @Test
    void twoSessionsOnOneMachineStayTwoClusters() throws Exception {
        try (LocalCluster one = LocalCluster.builder(dir.resolve("one")).nodes(2).managers(1).sessionId(1)
                .start(Duration.ofSeconds(60));
             LocalCluster two = LocalCluster.builder(dir.resolve("two")).nodes(2).managers(1).sessionId(2)
                     .start(Duration.ofSeconds(60))) {
            assertThat(ToolRun.krgadm(one.node(1), "cluster", "status").out()).isEqualTo("status: up on 2 nodes\n");
            assertThat(ToolRun.krgadm(two.node(2), "cluster", "status").out()).isEqualTo("status: up on 2 nodes\n");

            LocalCluster stray = LocalCluster.builder(dir.resolve("stray")).nodes(3).managers(1).sessionId(2)
                    .configLine(3, "managers = 127.0.0.1:" + one.port()).create();
            try {
                stray.node(3).start();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(one.node(1).logTail(100)).contains("refusing node 3 at 127.0.0.3:" + stray.port()
                                + ": it belongs to session 2, this node to session 1"));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(stray.node(3).logTail(100)).contains("belongs to session 1, not session 2"));
                assertThat(ToolRun.krgadm(one.node(1), "nodes", "status").out()).isEqualTo("1:online\n2:online\n");
                assertThat(ToolRun.krgadm(two.node(1), "nodes", "status").out()).isEqualTo("1:online\n2:online\n");
            } finally {
                stray.stopAll();
            }
        }
    }
}
