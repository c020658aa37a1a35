package org.linuxssi.node.space;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CheckpointReply;
import org.linuxssi.api.v1.CheckpointRequest;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.capability.KerrighedCapabilities;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * checkpoint, on the caller's daemon: the process, its owner, CHECKPOINTABLE, then the node that
 * runs it does the work.
 */
public final class CheckpointClient {

    private final ProcessSpace space;

    public CheckpointClient(ProcessSpace space) {
        this.space = space;
    }

    public CheckpointReply checkpoint(CheckpointRequest request, CallerCredentials caller) throws NoQuorumException {
        long gpid = request.getGpid();
        ClusterSnapshot state = space.directory().read();
        ProcessEntry entry = ProcessDirectory.entry(state, gpid).filter(e -> !e.getExited())
                .orElseThrow(() -> DaemonError.of(Status.Code.NOT_FOUND, "no process " + gpid
                        + " in the cluster (see krgps)"));
        if (!caller.isRoot() && caller.uid() != entry.getUid()) {
            throw DaemonError.of(Status.Code.PERMISSION_DENIED, "process " + gpid + " belongs to " + entry.getUser()
                    + ": only its owner or root may checkpoint it");
        }
        if (!entry.hasCapabilities() || !KerrighedCapabilities.has(entry.getCapabilities(),
                KerrighedCapabilities.CHECKPOINTABLE)) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " is not checkpointable: "
                    + "CHECKPOINTABLE is not in its effective capabilities (start it with krgcr-run, or from a shell "
                    + "after 'krgcapset -d +CHECKPOINTABLE')");
        }
        NodeInfo node = ProcessDirectory.node(state, entry.getNodeId()).filter(n -> n.getState() == NodeState.ONLINE)
                .orElseThrow(() -> DaemonError.of(Status.Code.UNAVAILABLE, "node " + entry.getNodeId()
                        + ", where process " + gpid + " runs, is not online"));
        try {
            return MobilityAgentGrpc.newBlockingStub(space.peers().mobilityAgent(node.getAddress()).getChannel())
                    .withDeadlineAfter(15, TimeUnit.MINUTES).checkpointLocal(request);
        } catch (StatusRuntimeException e) {
            if (DaemonError.isFromDaemon(e.getStatus(), e.getTrailers())) {
                throw DaemonError.of(e.getStatus().getCode(), e.getStatus().getDescription());
            }
            throw DaemonError.of(Status.Code.UNAVAILABLE, "node " + node.getNodeId() + " did not answer ("
                    + e.getStatus().getCode() + ")");
        }
    }
}
