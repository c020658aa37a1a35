package org.linuxssi.tools.krgadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.linuxssi.tools.krgadm.NodeStatusLinesTest.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ChangeNodesReply;
import org.linuxssi.api.v1.ChangeNodesRequest;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.InitClusterReply;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.api.v1.PowerRequest;
import org.linuxssi.tools.FakeDaemon;
import org.linuxssi.tools.KrgadmRun;

/** krgadm's requests and output against a fake ClusterAdmin on a real Unix socket. */
class KrgadmAgainstFakeDaemonTest {

    private static final String NL = System.lineSeparator();

    private FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new FakeDaemon();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    private KrgadmRun krgadm(String... args) {
        return KrgadmRun.of(Map.of("LINUXSSI_SOCKET", daemon.socket().toString()), args);
    }

    @Test
    void clusterStatus() {
        daemon.clusterStatus = ClusterStatusReply.newBuilder().setUp(true).setOnlineNodes(3).build();
        assertThat(krgadm("cluster", "status")).isEqualTo(new KrgadmRun(0, "status: up on 3 nodes" + NL, ""));
        assertThat(krgadm("cluster")).isEqualTo(new KrgadmRun(0, "status: up on 3 nodes" + NL, ""));
    }

    @Test
    void clusterStatusDown() {
        daemon.clusterStatus = ClusterStatusReply.newBuilder().setUp(false).setReason("no quorum").build();
        assertThat(krgadm("cluster", "status")).isEqualTo(new KrgadmRun(0, "status: down (no quorum)" + NL, ""));
    }

    @Test
    void clusterStatusAsJson() {
        daemon.clusterStatus = ClusterStatusReply.newBuilder().setUp(true).setOnlineNodes(2).setSessionId(42)
                .setClusterId("c-1").build();
        KrgadmRun run = krgadm("cluster", "status", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{").endsWith("}" + NL)
                .contains("\"up\": true", "\"online_nodes\": 2", "\"session_id\": 42", "\"down_nodes\": 0");
    }

    @Test
    void theSocketOptionWinsOverTheEnvironment() {
        daemon.clusterStatus = ClusterStatusReply.newBuilder().setUp(true).setOnlineNodes(1).build();
        KrgadmRun run = KrgadmRun.of(Map.of("LINUXSSI_SOCKET", "/tmp/lssi-none/ssi.sock"),
                "--socket", daemon.socket().toString(), "cluster");
        assertThat(run).isEqualTo(new KrgadmRun(0, "status: up on 1 nodes" + NL, ""));
        assertThat(KrgadmRun.of("cluster", "--socket", daemon.socket().toString()).out())
                .isEqualTo("status: up on 1 nodes" + NL);
    }

    @Test
    void nodesStatusIsSortedById() {
        daemon.nodes = ListNodesReply.newBuilder().addNodes(node(3, NodeState.PRESENT))
                .addNodes(node(1, NodeState.ONLINE)).addNodes(node(2, NodeState.DOWN)).build();
        assertThat(krgadm("nodes")).isEqualTo(new KrgadmRun(0, "1:online" + NL + "2:down" + NL + "3:present" + NL, ""));
        assertThat(krgadm("nodes", "status", "-v").out().lines())
                .hasSize(3).allMatch(line -> line.matches("\\d:(online|down|present) +127\\.0\\.0\\.\\d:7470 .*"));
    }

    @Test
    void nodesStatusOfAListAsksForItAndLeavesOutUnknownNodesAsKerrighedDid() {
        daemon.nodes = ListNodesReply.newBuilder().addNodes(node(1, NodeState.ONLINE))
                .addNodes(node(2, NodeState.PRESENT)).addNodes(node(5, NodeState.ONLINE)).build();
        KrgadmRun run = krgadm("nodes", "status", "-n", "2,4-5");
        assertThat(run).isEqualTo(new KrgadmRun(0, "2:present" + NL + "5:online" + NL, ""));
        assertThat(daemon.requests).containsExactly(ListNodesRequest.newBuilder().addNodeIds(2).addNodeIds(4)
                .addNodeIds(5).build());
    }

    @Test
    void nodesStatusAsJson() {
        daemon.nodes = ListNodesReply.newBuilder().addNodes(node(2, NodeState.PRESENT))
                .addNodes(node(1, NodeState.ONLINE)).build();
        KrgadmRun run = krgadm("nodes", "status", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{").contains("\"node_id\": 1", "\"state\": \"ONLINE\"");
        assertThat(run.out().indexOf("\"node_id\": 1")).isLessThan(run.out().indexOf("\"node_id\": 2"));
    }

    @Test
    void addPrintsTheAdmittedNodes() {
        daemon.changed = ChangeNodesReply.newBuilder().addChanged(5).addChanged(2).addChanged(1).build();
        assertThat(krgadm("nodes", "add", "-c", "3")).isEqualTo(new KrgadmRun(0, "Adding nodes [1,2,5]... done" + NL, ""));
        assertThat(daemon.requests).containsExactly(ChangeNodesRequest.newBuilder().setCount(3).setWaitSeconds(60)
                .build());
    }

    @Test
    void addSendsTheSelectorAndTheWait() {
        daemon.changed = ChangeNodesReply.newBuilder().addChanged(2).build();
        krgadm("nodes", "add", "--nodes", "2,3", "--wait", "5");
        krgadm("nodes", "add", "--total", "4");
        krgadm("nodes", "add", "--all");
        assertThat(daemon.requests).containsExactly(
                ChangeNodesRequest.newBuilder().setNodes(org.linuxssi.api.v1.NodeIdList.newBuilder().addNodeIds(2)
                        .addNodeIds(3)).setWaitSeconds(5).build(),
                ChangeNodesRequest.newBuilder().setTotal(4).setWaitSeconds(60).build(),
                ChangeNodesRequest.newBuilder().setAll(true).setWaitSeconds(60).build());
    }

    @Test
    void addWithNothingToAdd() {
        assertThat(krgadm("nodes", "add", "-a")).isEqualTo(new KrgadmRun(0, "No present node to add." + NL, ""));
    }

    @Test
    void delPrintsTheDaemonsNotesThenTheRemovedNodes() {
        daemon.changed = ChangeNodesReply.newBuilder().addChanged(3)
                .addNotes("Unable to suppress node 4 (must be 'online').").build();
        assertThat(krgadm("nodes", "del", "-n", "3-4")).isEqualTo(new KrgadmRun(0,
                "Unable to suppress node 4 (must be 'online')." + NL + "Removing nodes [3]... done" + NL, ""));
    }

    @Test
    void delWithNothingToRemove() {
        assertThat(krgadm("nodes", "del", "-a")).isEqualTo(new KrgadmRun(0, "No online node to remove." + NL, ""));
    }

    @Test
    void aDaemonRefusalIsOneLineOnStderrAndExitOne() {
        daemon.failure = DaemonError.failedPrecondition("node 1 is the node you are on; it cannot be removed");
        assertThat(krgadm("nodes", "del", "-n", "1"))
                .isEqualTo(new KrgadmRun(1, "", "krgadm: node 1 is the node you are on; it cannot be removed" + NL));
    }

    @Test
    void poweroffAndReboot() {
        assertThat(krgadm("cluster", "poweroff")).isEqualTo(new KrgadmRun(0, "Shutting down cluster... done" + NL, ""));
        assertThat(krgadm("cluster", "reboot")).isEqualTo(new KrgadmRun(0, "Rebooting cluster... done" + NL, ""));
        assertThat(daemon.requests).containsExactly(PowerRequest.newBuilder().setAction(PowerAction.POWEROFF).build(),
                PowerRequest.newBuilder().setAction(PowerAction.REBOOT).build());
    }

    @Test
    void aRefusedPoweroffEndsItsLineWithFail() {
        daemon.failure = DaemonError.failedPrecondition("cluster not running");
        assertThat(krgadm("cluster", "poweroff")).isEqualTo(
                new KrgadmRun(1, "Shutting down cluster... fail" + NL, "krgadm: cluster not running" + NL));
    }

    @Test
    void initPrintsTheIdentityAndTheLinesForOtherNodes() {
        daemon.init = InitClusterReply.newBuilder().setCreated(true).setSessionId(42).setClusterId("c0ffee")
                .addManagers("10.0.0.1:7470").addManagers("10.0.0.2:7470").setClusterNetwork("10.0.0.0/24")
                .setJoinToken("s3cret").build();
        KrgadmRun run = krgadm("cluster", "init");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).startsWith("Cluster c0ffee (session_id 42) initialised.")
                .contains("session_id = 42", "managers = 10.0.0.1:7470,10.0.0.2:7470", "node_id = auto",
                        "cluster_network = 10.0.0.0/24",
                        "Or run there: krgadm node configure --session-id 42 --node-id auto "
                                + "--managers 10.0.0.1:7470,10.0.0.2:7470 --cluster-network 10.0.0.0/24")
                .anyMatch(line -> line.startsWith("Join token") && line.endsWith(": s3cret"));
    }

    @Test
    void initOfAnInitialisedClusterSaysSoAndPrintsTheSameLines() {
        daemon.init = InitClusterReply.newBuilder().setCreated(false).setSessionId(7).setClusterId("abc")
                .addManagers("10.0.0.1:7470").setJoinToken("t").build();
        KrgadmRun run = krgadm("cluster", "init");
        assertThat(run.out().lines()).startsWith("Cluster abc (session_id 7) was already initialised.")
                .contains("session_id = 7", "managers = 10.0.0.1:7470", "node_id = auto")
                .noneMatch(line -> line.startsWith("cluster_network"));
    }

    @Test
    void noDaemonAtTheSocket() throws Exception {
        Path missing = daemon.socket().resolveSibling("missing.sock");
        assertThat(Files.exists(missing)).isFalse();
        KrgadmRun run = KrgadmRun.of("--socket", missing.toString(), "nodes", "status");
        assertThat(run).isEqualTo(new KrgadmRun(1, "",
                "LinuxSSI is not running on this node (no daemon at " + missing + ")" + NL));
    }

    @Test
    void noDaemonAtTheSocketNamedByTheEnvironment() {
        KrgadmRun run = KrgadmRun.of(Map.of("LINUXSSI_SOCKET", "/tmp/lssi-none/ssi.sock"), "cluster", "status");
        assertThat(run).isEqualTo(new KrgadmRun(1, "",
                "LinuxSSI is not running on this node (no daemon at /tmp/lssi-none/ssi.sock)" + NL));
    }
}
