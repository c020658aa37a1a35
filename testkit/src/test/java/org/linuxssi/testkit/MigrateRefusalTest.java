package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.NodeState;

/**
 * Refusals that need a cluster of their own: a target whose criu is missing (node 3 is configured
 * with a criu that does not exist, so this runs with or without CRIU on the machine) and a target
 * that went down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateRefusalTest {

    @TempDir
    static java.nio.file.Path dir;

    LocalCluster cluster;

    @BeforeAll
    void start() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(3).heartbeat(Duration.ofMillis(500), Duration.ofSeconds(3))
                .configLine(3, "criu_path = /nonexistent/criu").start(Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void aTargetWithoutCriuAndADownTargetAreRefusedAndTheProcessStays() throws Exception {
        ToolRun status = ToolRun.krgadm(cluster.node(1), "nodes", "status", "-v", "-n", "3");
        assertThat(status.out()).contains("criu missing: /nonexistent/criu is not an executable file");
        try (ProcessClient client = new ProcessClient(cluster.node(1))) {
            Process shell = ShellSession.start(cluster.node(1), dir, "krgcapset -d +CAN_MIGRATE || exit 1\n"
                    + "krgrun --print-gpid -n 1 sleep 600\n");
            try {
                String first = new java.io.BufferedReader(new java.io.InputStreamReader(shell.getErrorStream()))
                        .readLine();
                assertThat(first).startsWith("krgrun: gpid ");
                long gpid = Long.parseLong(first.split(" ")[2]);

                ToolRun noCriu = ShellSession.run(cluster.node(1), dir, "migrate " + gpid + " 3");
                assertThat(noCriu.code()).isEqualTo(1);
                assertThat(noCriu.err()).startsWith("migrate: node 3 cannot checkpoint or restore processes: criu "
                        + "missing: /nonexistent/criu is not an executable file");

                cluster.node(2).kill();
                cluster.awaitStates(Duration.ofSeconds(60), Map.of(2, NodeState.DOWN));
                ToolRun down = ShellSession.run(cluster.node(1), dir, "migrate " + gpid + " 2");
                assertThat(down.code()).isEqualTo(1);
                assertThat(down.err()).isEqualTo("migrate: node 2 is not online (it is down; online nodes: 1,3)\n");

                assertThat(client.list().getProcessesList()).anyMatch(p -> p.getGpid() == gpid && p.getNodeId() == 1);
                client.signal(9, gpid);
            } finally {
                shell.destroyForcibly();
            }
        }
    }
}
