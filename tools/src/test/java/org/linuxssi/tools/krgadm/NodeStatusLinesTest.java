package org.linuxssi.tools.krgadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.Resources;

class NodeStatusLinesTest {

    static NodeInfo node(int id, NodeState state) {
        return NodeInfo.newBuilder().setNodeId(id).setState(state).setAddress("127.0.0." + id + ":7470").build();
    }

    static NodeInfo node(int id, NodeState state, int cpus, long totalKb, long freeKb, double... load) {
        return node(id, state).toBuilder().setResources(Resources.newBuilder().setCpus(cpus)
                .setMemTotalKb(totalKb).setMemFreeKb(freeKb)
                .setLoad1(load[0]).setLoad5(load[1]).setLoad15(load[2])).build();
    }

    @Test
    void oneLinePerNodeAsKerrighedPrintedIt() {
        assertThat(NodeStatusLines.format(List.of(node(1, NodeState.ONLINE), node(2, NodeState.PRESENT),
                node(3, NodeState.DOWN)), false)).containsExactly("1:online", "2:present", "3:down");
    }

    @Test
    void verboseLinesStartWithIdAndStateAndAlignTheirColumns() {
        List<String> lines = NodeStatusLines.format(List.of(
                node(3, NodeState.ONLINE, 2, 24019 * 1024L, 20110 * 1024L, 0.12, 0.2, 0.3),
                node(12, NodeState.PRESENT, 16, 1024L * 1024, 512L * 1024, 10.5, 1, 0)), true);
        assertThat(lines).containsExactly(
                "3:online   127.0.0.3:7470  cpus=2  mem=24019/20110MB load=0.12/0.20/0.30  criu=-",
                "12:present 127.0.0.12:7470 cpus=16 mem=1024/512MB    load=10.50/1.00/0.00 criu=-");
    }

    @Test
    void aNodeWithoutResourcesSaysSo() {
        assertThat(NodeStatusLines.format(List.of(node(4, NodeState.DOWN)), true))
                .containsExactly("4:down 127.0.0.4:7470 cpus=- mem=- load=- criu=-");
    }

    @Test
    void criuShowsItsVersionWhenUsableAndItsReasonWhenNot() {
        NodeInfo usable = node(1, NodeState.ONLINE, 2, 1024, 1024, 0, 0, 0);
        NodeInfo missing = node(2, NodeState.ONLINE, 2, 1024, 1024, 0, 0, 0);
        List<String> lines = NodeStatusLines.format(List.of(
                usable.toBuilder().setResources(usable.getResources().toBuilder().setCriu("criu 4.1.1")).build(),
                missing.toBuilder().setResources(missing.getResources().toBuilder()
                        .setCriu("criu missing: install criu 4.0 or newer")).build()), true);
        assertThat(lines.get(0)).endsWith(" criu=4.1.1");
        assertThat(lines.get(1)).endsWith(" criu missing: install criu 4.0 or newer");
    }

    @Test
    void clusterStatusUsesKerrighedsPluralEvenForOneNode() {
        assertThat(ClusterStatusCommand.statusLine(ClusterStatusReply.newBuilder().setUp(true).setOnlineNodes(1)
                .build())).isEqualTo("status: up on 1 nodes");
        assertThat(ClusterStatusCommand.statusLine(ClusterStatusReply.newBuilder().setUp(true).setOnlineNodes(3)
                .build())).isEqualTo("status: up on 3 nodes");
    }

    @Test
    void aDownClusterSaysWhyWhenTheDaemonKnows() {
        assertThat(ClusterStatusCommand.statusLine(ClusterStatusReply.getDefaultInstance())).isEqualTo("status: down");
        assertThat(ClusterStatusCommand.statusLine(ClusterStatusReply.newBuilder().setReason("no quorum: 1 of 3")
                .build())).isEqualTo("status: down (no quorum: 1 of 3)");
    }
}
