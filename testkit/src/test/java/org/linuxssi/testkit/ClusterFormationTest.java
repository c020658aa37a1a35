package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.ProtocolVersion;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusRequest;

/** A 3-node cluster of real daemons forms from linuxssi-local and krgadm reports it in Kerrighed's words. */
class ClusterFormationTest {

    @TempDir
    static Path dir;

    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(3).start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeIsOnlineWithItsIdFromItsLoopbackAddress() {
        ToolRun run = ToolRun.krgadm(cluster.node(2), "nodes", "status");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("1:online\n2:online\n3:online\n");
        assertThat(cluster.node(3).logTail(50)).contains("node 3 (from address 127.0.0.3 on 127.0.0.0/8)");
    }

    @Test
    void clusterStatusCountsOnlineNodes() {
        ToolRun run = ToolRun.krgadm(cluster.node(1), "cluster", "status");
        assertThat(run.out()).isEqualTo("status: up on 3 nodes\n");
        assertThat(ToolRun.krgadm(cluster.node(1), "cluster").out()).isEqualTo("status: up on 3 nodes\n");
    }

    @Test
    void verboseStatusShowsAddressesAndResources() {
        ToolRun run = ToolRun.krgadm(cluster.node(3), "nodes", "status", "-v", "-n", "1-2");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).contains("1:online 127.0.0.1:" + cluster.port()).contains("2:online 127.0.0.2:")
                .contains("cpus=" + Runtime.getRuntime().availableProcessors()).contains("load=");
        // The nodes were given the criu found here (or none): the column reports what `criu check` said.
        if (LocalCluster.criu().isPresent() && CriuAvailability.usable()) {
            assertThat(run.out().lines()).allMatch(line -> line.matches(".* criu=\\d+\\.\\d+(\\.\\d+)?$"));
        } else {
            assertThat(run.out().lines()).allMatch(line -> line.matches(".* criu (missing|unusable|\\S+ too old|"
                    + "\\S+ check failed).*"));
        }
    }

    @Test
    void jsonStatusIsMachineReadable() {
        ToolRun run = ToolRun.krgadm(cluster.node(1), "nodes", "status", "--json");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"node_id\": 3").contains("\"state\": \"ONLINE\"")
                .contains("\"mem_total_kb\"");
        ToolRun status = ToolRun.krgadm(cluster.node(1), "cluster", "status", "--json");
        assertThat(status.out()).contains("\"up\": true").contains("\"online_nodes\": 3");
    }

    @Test
    void aToolOfAnotherMajorVersionIsRefusedWithBothVersions() {
        Component future = new Component("krgadm", Component.TOOLS_PACKAGE, new ProtocolVersion(2, 0));
        ManagedChannel channel = GrpcEndpoints.unixChannel(cluster.node(2).socket(), future);
        try {
            StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    StatusRuntimeException.class, () -> ClusterAdminGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .getClusterStatus(ClusterStatusRequest.getDefaultInstance()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(refused.getStatus().getDescription())
                    .isEqualTo("krgadm 2.0 cannot talk to linuxssid " + ProtocolVersion.CURRENT
                            + " on node 2: install linuxssi-node 2.x on node 2");
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void clusterInitCreatesOneIdentityAndTellsTheOtherNodesWhatToWrite() {
        ToolRun first = ToolRun.krgadm(cluster.node(1), "cluster", "init");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("session_id = 1").contains("managers = 127.0.0.1:" + cluster.port())
                .contains("node_id = auto").contains("cluster_network = 127.0.0.0/8");
        ToolRun again = ToolRun.krgadm(cluster.node(3), "cluster", "init");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already");
        String id = ToolRun.krgadm(cluster.node(2), "cluster", "status", "--json").out();
        assertThat(id).containsPattern("\"cluster_id\": \"[0-9a-f-]{36}\"");
    }

    @Test
    void aStoppedDaemonIsReportedInOneLine(@TempDir Path nowhere) {
        Path socket = nowhere.resolve("ssi.sock");
        ToolRun run = ToolRun.krgadm(java.util.Map.of("LINUXSSI_SOCKET", socket.toString()), "cluster", "status");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("LinuxSSI is not running on this node (no daemon at " + socket + ")\n");
    }
}
