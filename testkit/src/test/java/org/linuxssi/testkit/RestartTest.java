package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node table and the cluster identity survive stopping every daemon; reboot and poweroff work. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void stoppingAndStartingEveryNodeRestoresTheNodeTable() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3).autoAdd(false).start(Duration.ofSeconds(90))) {
            cluster.awaitStates(Duration.ofSeconds(60), java.util.Map.of(3, org.linuxssi.api.v1.NodeState.PRESENT));
            assertThat(ToolRun.krgadm(cluster.node(1), "nodes", "add", "-n", "1-3").code()).isZero();
            assertThat(ToolRun.krgadm(cluster.node(1), "nodes", "del", "-n", "3").code()).isZero();
            String identity = ToolRun.krgadm(cluster.node(1), "cluster", "init").out();
            assertThat(identity).contains("initialised");

            cluster.stopAll();
            assertThat(cluster.nodes()).noneMatch(LocalNode::isRunning);
            cluster.startAll();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(ToolRun.krgadm(cluster.node(2), "nodes", "status").out())
                            .isEqualTo("1:online\n2:online\n3:present\n"));
            ToolRun again = ToolRun.krgadm(cluster.node(3), "cluster", "init");
            assertThat(again.out()).contains("already");
            String clusterId = identity.lines().filter(l -> l.startsWith("Cluster ")).findFirst().orElseThrow()
                    .split(" ")[1];
            assertThat(again.out()).contains(clusterId);
        }
    }

    @Test
    void aRestartedClusterLoadsItsLatestSnapshot() throws Exception {
        LocalCluster.Builder builder = LocalCluster.builder(dir).nodes(3)
                .heartbeat(Duration.ofMillis(200), Duration.ofSeconds(2));
        for (int i = 1; i <= 3; i++) {
            builder.configLine(i, "snapshot_every = 20");
        }
        try (LocalCluster cluster = builder.start(Duration.ofSeconds(90))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> snapshotCount(cluster.node(1)) > 0);
            cluster.stopAll();
            cluster.startAll();
            cluster.awaitAllOnline(Duration.ofSeconds(60));
            assertThat(cluster.node(1).logTail(400)).contains("cluster state restored from snapshot");
            assertThat(ToolRun.krgadm(cluster.node(3), "cluster", "status").out()).isEqualTo("status: up on 3 nodes\n");
        }
    }

    private static long snapshotCount(LocalNode node) throws java.io.IOException {
        Path raft = node.stateDir().resolve("raft");
        if (!java.nio.file.Files.isDirectory(raft)) {
            return 0;
        }
        try (var files = java.nio.file.Files.walk(raft)) {
            return files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
    }

    @Test
    void rebootRestartsEveryDaemonAndPoweroffStopsThem() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3).start(Duration.ofSeconds(90))) {
            List<Long> pids = cluster.nodes().stream().map(n -> n.pid().orElseThrow()).toList();
            ToolRun reboot = ToolRun.krgadm(cluster.node(2), "cluster", "reboot");
            assertThat(reboot.out()).isEqualTo("Rebooting cluster... done\n");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.nodes().stream().allMatch(n -> n.logTail(200).contains("stopping (reboot)")));
            cluster.awaitAllOnline(Duration.ofSeconds(60));
            assertThat(cluster.nodes().stream().map(n -> n.pid().orElseThrow()).toList()).isEqualTo(pids);

            ToolRun poweroff = ToolRun.krgadm(cluster.node(1), "cluster", "poweroff");
            assertThat(poweroff.out()).isEqualTo("Shutting down cluster... done\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.nodes().stream().noneMatch(LocalNode::isRunning));
        }
    }
}
