package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.ProcessInfo;

/**
 * The MOSIX-like balancer on an idle 2-node cluster of real daemons: four CPU-bound migratable processes started
 * on node 1 stay there while the balancer is off, and spread two and two, then stay, once it is on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBalancerTest {

    private static final String BUSY = "sh -c 'while :; do :; done'";

    @TempDir
    static Path dir;

    private LocalCluster cluster;
    private ProcessClient node1;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(2).create();
        for (LocalNode node : cluster.nodes()) {
            Files.writeString(node.config().resolveSibling("scheduler.conf"),
                    "balancer = off\nbalancer_interval = 1s\nbalancer_min_interval = 1s\n");
        }
        cluster.startAll();
        cluster.awaitAllOnline(Duration.ofSeconds(90));
        node1 = new ProcessClient(cluster.node(1));
    }

    @AfterAll
    void stopCluster() {
        node1.close();
        cluster.close();
    }

    @Test
    void fourBusyProcessesStayOnNode1WhileOffAndSpreadTwoAndTwoOnceOn() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        Process shell = ShellSession.start(cluster.node(1), dir, "krgcapset -d +CAN_MIGRATE || exit 1\n"
                + "for i in 1 2 3 4; do krgrun -n 1 " + BUSY + " & done\nwait\n");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> perNode().equals(Map.of(1, 4)));
            assertThat(ToolRun.krgadm(cluster.node(2), "scheduler", "show").out()).endsWith("balancer: off\n");
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15))
                    .until(() -> perNode().equals(Map.of(1, 4)));

            ToolRun on = ToolRun.krgadm(cluster.node(2), "scheduler", "set", "balancer", "on");
            assertThat(on.code()).as(on.toString()).isZero();
            assertThat(on.out()).isEqualTo("balancer: on\n");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> perNode().equals(Map.of(1, 2, 2, 2)));
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15))
                    .until(() -> perNode().equals(Map.of(1, 2, 2, 2)));
            assertThat(ToolRun.krgadm(cluster.node(1), "scheduler", "show").out()).endsWith("balancer: on\n");
        } finally {
            long[] gpids = node1.list().getProcessesList().stream().mapToLong(ProcessInfo::getGpid).toArray();
            if (gpids.length > 0) {
                node1.signal(9, gpids);
            }
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
            ToolRun.krgadm(cluster.node(1), "scheduler", "set", "balancer", "off");
        }
    }

    /** node id → this test's running LinuxSSI processes on it, as krgps lists them. */
    private Map<Integer, Integer> perNode() {
        Map<Integer, Integer> count = new TreeMap<>();
        for (ProcessInfo p : node1.list().getProcessesList()) {
            count.merge(p.getNodeId(), 1, Integer::sum);
        }
        return count;
    }
}
