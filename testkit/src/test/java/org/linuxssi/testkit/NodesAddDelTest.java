package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.NodeState;

/**
 * Kerrighed's node admission with auto_add = false: every add/del option form, and each
 * of Kerrighed's refusals. The steps build on each other, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodesAddDelTest {

    @TempDir
    static Path dir;

    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(4).managers(3).autoAdd(false).start(Duration.ofSeconds(90));
        cluster.awaitStates(Duration.ofSeconds(60), Map.of(1, NodeState.PRESENT, 2, NodeState.PRESENT,
                3, NodeState.PRESENT, 4, NodeState.PRESENT));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ToolRun krgadm(String... args) {
        return ToolRun.krgadm(cluster.node(1), args);
    }

    @Test
    @Order(1)
    void presentNodesAreListedAndTheClusterIsDown() {
        assertThat(krgadm("nodes", "status").out()).isEqualTo("1:present\n2:present\n3:present\n4:present\n");
        assertThat(krgadm("cluster", "status").out()).isEqualTo("status: down\n");
    }

    @Test
    @Order(2)
    void addByList() {
        ToolRun run = krgadm("nodes", "add", "-n", "1,2");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Adding nodes [1,2]... done\n");
        assertThat(krgadm("cluster", "status").out()).isEqualTo("status: up on 2 nodes\n");
    }

    @Test
    @Order(3)
    void addByCountThenByTotal() {
        assertThat(krgadm("nodes", "add", "--count", "1").out()).isEqualTo("Adding nodes [3]... done\n");
        assertThat(krgadm("nodes", "add", "-t", "4").out()).isEqualTo("Adding nodes [4]... done\n");
        ToolRun none = krgadm("nodes", "add", "-a");
        assertThat(none.code()).isZero();
        assertThat(none.out()).isEqualTo("No present node to add.\n");
        assertThat(krgadm("nodes", "status").out()).isEqualTo("1:online\n2:online\n3:online\n4:online\n");
    }

    @Test
    @Order(4)
    void delRefusesTheLocalNodeAndNodesThatAreNotOnline() {
        ToolRun local = krgadm("nodes", "del", "-n", "1");
        assertThat(local.code()).isEqualTo(1);
        assertThat(local.out()).isEqualTo("Unable to suppress current node.\nNo online node to remove.\n");
        ToolRun unknown = krgadm("nodes", "del", "--nodes", "9");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).startsWith("Unable to suppress node 9 (must be 'online').\n");
    }

    @Test
    @Order(5)
    void delByListCountAndTotal() {
        assertThat(krgadm("nodes", "del", "-n", "4").out()).isEqualTo("Removing nodes [4]... done\n");
        assertThat(krgadm("nodes", "del", "-c", "1").out()).isEqualTo("Removing nodes [2]... done\n");
        assertThat(krgadm("nodes", "del", "-t", "1").out()).isEqualTo("Removing nodes [3]... done\n");
        assertThat(krgadm("nodes", "status").out()).isEqualTo("1:online\n2:present\n3:present\n4:present\n");
        ToolRun tooMany = krgadm("nodes", "del", "-c", "5");
        assertThat(tooMany.code()).isEqualTo(1);
        assertThat(tooMany.err()).isEqualTo("krgadm: Not enough nodes to remove. Aborting.\n");
    }

    @Test
    @Order(6)
    void addAllThenDelAllKeepsTheLocalNode() {
        assertThat(krgadm("nodes", "add", "--all").out()).isEqualTo("Adding nodes [2,3,4]... done\n");
        assertThat(krgadm("nodes", "del", "-a").out()).isEqualTo("Removing nodes [2,3,4]... done\n");
        assertThat(krgadm("nodes", "status").out()).isEqualTo("1:online\n2:present\n3:present\n4:present\n");
    }

    @Test
    @Order(7)
    void selectorsAreMutuallyExclusive() {
        ToolRun run = krgadm("nodes", "add", "-a", "-c", "2");
        assertThat(run.code()).isNotZero();
        assertThat(run.out() + run.err())
                .contains("Only one of --all, --count, --total or --nodes option is supported. Aborting.");
        assertThat(krgadm("nodes", "del", "-n", "2", "-t", "1").out() + krgadm("nodes", "del", "-n", "2", "-t", "1").err())
                .contains("Only one of --all, --count, --total or --nodes option is supported. Aborting.");
    }

    @Test
    @Order(8)
    void addWaitsForListedNodesAndGivesUpAfterTheWait() {
        ToolRun run = krgadm("nodes", "add", "-n", "2,7", "--wait", "2");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("[7]").contains("Aborting.");
        assertThat(krgadm("nodes", "status", "-n", "2").out()).isEqualTo("2:present\n");
    }

    @Test
    @Order(9)
    void badNodeListsAreRefusedByName() {
        ToolRun run = krgadm("nodes", "add", "-n", "2,x");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("x");
    }
}
