package org.linuxssi.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.AdmitNodes;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.CommandBatch;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.Heartbeat;
import org.linuxssi.api.v1.state.MarkNodes;
import org.linuxssi.api.v1.state.RegisterNode;
import org.linuxssi.api.v1.state.Probe;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.api.v1.state.ProcessExited;
import org.linuxssi.api.v1.state.ProcessStarted;
import org.linuxssi.api.v1.state.RemoveNodes;
import org.linuxssi.api.v1.state.StateQuery;

class ClusterStateTest {

    private final ClusterState state = new ClusterState(5000);

    private CommandResult register(int id, String address, boolean autoAdd, long time) {
        return state.apply(ClusterCommand.newBuilder().setTimeMs(time).setRegisterNode(RegisterNode.newBuilder()
                .setNodeId(id).setAddress(address).setAutoAdd(autoAdd)).build());
    }

    private NodeState stateOf(int id) {
        return state.snapshot().getNodesList().stream().filter(n -> n.getNodeId() == id)
                .map(NodeInfo::getState).findFirst().orElse(NodeState.NODE_STATE_UNSPECIFIED);
    }

    @Test
    void autoAddMakesANodeOnlineOtherwisePresent() {
        register(1, "a:1", true, 0);
        register(2, "b:1", false, 0);
        assertThat(stateOf(1)).isEqualTo(NodeState.ONLINE);
        assertThat(stateOf(2)).isEqualTo(NodeState.PRESENT);
    }

    @Test
    void aLiveIdCannotBeTakenByAnotherAddressButAStaleOneCan() {
        register(1, "a:1", true, 1000);
        CommandResult refused = register(1, "b:1", true, 2000);
        assertThat(refused.getError()).isEqualTo("node_id 1 is already used by the daemon at a:1; "
                + "refusing the daemon at b:1 (give one of them another node_id)");
        assertThat(register(1, "b:1", true, 7000).getError()).isEmpty();
        assertThat(state.snapshot().getNodes(0).getAddress()).isEqualTo("b:1");
    }

    @Test
    void downNodesReturnOnlineOnHeartbeat() {
        register(3, "c:1", true, 0);
        state.apply(ClusterCommand.newBuilder().setMarkNodes(MarkNodes.newBuilder().addDown(3)).build());
        assertThat(stateOf(3)).isEqualTo(NodeState.DOWN);
        state.apply(ClusterCommand.newBuilder().setTimeMs(10).setHeartbeat(Heartbeat.newBuilder()
                .setNodeId(3).setAddress("c:1")).build());
        assertThat(stateOf(3)).isEqualTo(NodeState.ONLINE);
    }

    @Test
    void heartbeatOfAnUnknownNodeAsksItToRegister() {
        CommandResult result = state.apply(ClusterCommand.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                .setNodeId(9).setAddress("x:1")).build());
        assertThat(result.getError()).isEqualTo(ClusterState.UNREGISTERED);
    }

    @Test
    void admitAndRemoveOnlyChangeNodesInTheRightState() {
        register(1, "a:1", false, 0);
        register(2, "b:1", true, 0);
        CommandResult admitted = state.apply(ClusterCommand.newBuilder()
                .setAdmitNodes(AdmitNodes.newBuilder().addNodeIds(1).addNodeIds(2).addNodeIds(7)).build());
        assertThat(admitted.getNodeIdsList()).containsExactly(1);
        CommandResult removed = state.apply(ClusterCommand.newBuilder()
                .setRemoveNodes(RemoveNodes.newBuilder().addNodeIds(2)).build());
        assertThat(removed.getNodeIdsList()).containsExactly(2);
        assertThat(stateOf(2)).isEqualTo(NodeState.PRESENT);
    }

    @Test
    void snapshotRestoresTheSameState() {
        register(1, "a:1", true, 0);
        register(4, "d:1", false, 0);
        ClusterState copy = new ClusterState(5000);
        copy.restore(state.snapshot());
        assertThat(copy.snapshot()).isEqualTo(state.snapshot());
    }

    @Test
    void silentPresentNodesAreForgotten() {
        register(5, "e:1", false, 0);
        state.apply(ClusterCommand.newBuilder().setMarkNodes(MarkNodes.newBuilder().addForget(5)).build());
        assertThat(state.snapshot().getNodesList()).isEmpty();
    }

    @Test
    void aNodesOnlyViewLeavesTheDirectoryOutExceptTheProcessAskedFor() {
        register(1, "a:1", true, 0);
        for (long gpid : new long[] {10000001L, 10000002L}) {
            state.apply(ClusterCommand.newBuilder().setProcessStarted(ProcessStarted.newBuilder()
                    .setEntry(ProcessEntry.newBuilder().setGpid(gpid).setNodeId(1))).build());
        }
        assertThat(state.view(StateQuery.getDefaultInstance()).getProcessesCount()).isEqualTo(2);
        assertThat(state.view(StateQuery.newBuilder().setNodesOnly(true).build()).getProcessesCount()).isZero();
        assertThat(state.view(StateQuery.newBuilder().setNodesOnly(true).setGpid(10000002L).build())
                .getProcessesList()).extracting(ProcessEntry::getGpid).containsExactly(10000002L);
        assertThat(state.view(StateQuery.newBuilder().setNodesOnly(true).build()).getNodesCount()).isEqualTo(1);
    }

    @Test
    void aProbeChangesNothing() {
        register(1, "a:1", true, 0);
        var before = state.snapshot();
        assertThat(state.apply(ClusterCommand.newBuilder().setProbe(Probe.getDefaultInstance()).build()).getError())
                .isEmpty();
        assertThat(state.snapshot()).isEqualTo(before);
    }

    @Test
    void aSchedulerChangeKeepsWhatItDoesNotName() {
        state.apply(ClusterCommand.newBuilder().setSetScheduler(SchedulerSettings.newBuilder().setPolicy("pack"))
                .build());
        state.apply(ClusterCommand.newBuilder().setSetScheduler(SchedulerSettings.newBuilder()
                .setBalancer(BalancerMode.BALANCER_ON)).build());
        assertThat(state.snapshot().getScheduler()).isEqualTo(SchedulerSettings.newBuilder().setPolicy("pack")
                .setBalancer(BalancerMode.BALANCER_ON).build());
        state.apply(ClusterCommand.newBuilder().setSetScheduler(SchedulerSettings.newBuilder()
                .setPolicy("round_robin")).build());
        assertThat(state.snapshot().getScheduler().getBalancer()).isEqualTo(BalancerMode.BALANCER_ON);
    }

    @Test
    void aBatchAppliesEachCommandInOrderWithItsOwnResult() {
        ClusterCommand started = ClusterCommand.newBuilder().setProcessStarted(ProcessStarted.newBuilder()
                .setEntry(ProcessEntry.newBuilder().setGpid(20000042).setNodeId(2))).build();
        ClusterCommand exited = ClusterCommand.newBuilder().setProcessExited(ProcessExited.newBuilder()
                .setGpid(20000042).setExit(ProcessExit.newBuilder().setStatus(3))).build();
        ClusterCommand unknown = ClusterCommand.newBuilder().setProcessExited(ProcessExited.newBuilder()
                .setGpid(30000001)).build();
        CommandResult result = state.apply(ClusterCommand.newBuilder().setBatch(CommandBatch.newBuilder()
                .addCommands(started).addCommands(unknown).addCommands(exited)).build());
        assertThat(result.getError()).isEmpty();
        assertThat(result.getResultsList()).extracting(CommandResult::getError)
                .containsExactly("", "no process 30000001", "");
        ProcessEntry entry = state.snapshot().getProcesses(0);
        assertThat(entry.getExited()).isTrue();
        assertThat(entry.getExit().getStatus()).isEqualTo(3);
    }
}
