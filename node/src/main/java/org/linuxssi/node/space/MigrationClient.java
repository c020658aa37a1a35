package org.linuxssi.node.space;

import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.MigrateLocalRequest;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.MigrateRequest;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.capability.KerrighedCapabilities;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * migrate, on the caller's daemon: checks what the directory can answer (the process, its owner,
 * CAN_MIGRATE, the target node and its criu), then asks the node running the process to move it.
 */
public final class MigrationClient {

    private static final long MIGRATION_TIMEOUT_MINUTES = 15;

    private final ProcessSpace space;

    public MigrationClient(ProcessSpace space) {
        this.space = space;
    }

    public MigrateReply migrate(MigrateRequest request, CallerCredentials caller) throws NoQuorumException {
        long gpid = request.getGpid();
        ClusterSnapshot state = space.directory().read();
        ProcessEntry entry = OwnedProcess.find(state, gpid, caller, "migrate");
        if (!OwnedProcess.has(entry, KerrighedCapabilities.CAN_MIGRATE)) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " cannot migrate: CAN_MIGRATE "
                    + "is not in its effective capabilities (start it from a shell after 'krgcapset -d +CAN_MIGRATE',"
                    + " or run 'krgcapset -k " + gpid + " -e +CAN_MIGRATE')");
        }
        int to = request.getNodeId();
        NodeInfo target = ProcessDirectory.node(state, to).orElseThrow(() -> DaemonError.of(Status.Code.NOT_FOUND,
                "no node " + to + " in the cluster (online nodes: " + ProcessDirectory.onlineList(state) + ")"));
        if (target.getState() != NodeState.ONLINE) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "node " + to + " is not online (it is "
                    + target.getState().name().toLowerCase() + "; online nodes: " + ProcessDirectory.onlineList(state)
                    + ")");
        }
        if (entry.getNodeId() == to) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " already runs on node " + to);
        }
        refuseWithoutCriu(target);
        NodeInfo source = OwnedProcess.runningNode(state, entry);
        refuseWithoutCriu(source);
        MigrateLocalRequest local = MigrateLocalRequest.newBuilder().setGpid(gpid).setNodeId(to)
                .setTargetAddress(target.getAddress()).build();
        return AgentCall.to(source, () -> MobilityAgentGrpc.newBlockingStub(space.peers()
                .mobilityAgent(source.getAddress()).getChannel())
                .withDeadlineAfter(MIGRATION_TIMEOUT_MINUTES, TimeUnit.MINUTES).migrateLocal(local));
    }

    private static void refuseWithoutCriu(NodeInfo node) {
        String criu = node.hasResources() ? node.getResources().getCriu() : "";
        if (!criu.startsWith("criu ") || criu.contains(":")) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "node " + node.getNodeId()
                    + " cannot checkpoint or restore processes: " + (criu.isEmpty() ? "its daemon predates CRIU "
                    + "support" : criu));
        }
    }
}
