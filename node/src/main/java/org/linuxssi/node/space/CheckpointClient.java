package org.linuxssi.node.space;

import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CheckpointReply;
import org.linuxssi.api.v1.CheckpointRequest;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.capability.KerrighedCapabilities;
import org.linuxssi.node.control.NoQuorumException;

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
        ProcessEntry entry = OwnedProcess.find(state, gpid, caller, "checkpoint");
        if (!OwnedProcess.has(entry, KerrighedCapabilities.CHECKPOINTABLE)) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " is not checkpointable: "
                    + "CHECKPOINTABLE is not in its effective capabilities (start it with krgcr-run, or from a shell "
                    + "after 'krgcapset -d +CHECKPOINTABLE')");
        }
        NodeInfo node = OwnedProcess.runningNode(state, entry);
        return AgentCall.to(node, () -> MobilityAgentGrpc.newBlockingStub(space.peers()
                .mobilityAgent(node.getAddress()).getChannel())
                .withDeadlineAfter(15, TimeUnit.MINUTES).checkpointLocal(request));
    }
}
