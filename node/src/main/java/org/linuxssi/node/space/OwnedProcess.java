package org.linuxssi.node.space;

import io.grpc.Status;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.capability.KerrighedCapabilities;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * What migrate and checkpoint ask the directory first, on the caller's daemon: the live process,
 * whether the caller owns it (or is root), whether it has a capability, and the online node running it.
 */
final class OwnedProcess {

    private OwnedProcess() {
    }

    /** The live process {@code gpid}, if the caller may {@code verb} it ("migrate", "checkpoint"). */
    static ProcessEntry find(ClusterSnapshot state, long gpid, CallerCredentials caller, String verb) {
        ProcessEntry entry = ProcessDirectory.entry(state, gpid).filter(e -> !e.getExited())
                .orElseThrow(() -> DaemonError.of(Status.Code.NOT_FOUND, "no process " + gpid
                        + " in the cluster (see krgps)"));
        if (!caller.isRoot() && caller.uid() != entry.getUid()) {
            throw DaemonError.of(Status.Code.PERMISSION_DENIED, "process " + gpid + " belongs to " + entry.getUser()
                    + ": only its owner or root may " + verb + " it");
        }
        return entry;
    }

    /** Whether {@code capability} is in the process's effective set. */
    static boolean has(ProcessEntry entry, int capability) {
        CapabilitySets sets = entry.hasCapabilities() ? entry.getCapabilities() : null;
        return sets != null && KerrighedCapabilities.has(sets, capability);
    }

    /** The node running the process, which must be online to do anything to it. */
    static NodeInfo runningNode(ClusterSnapshot state, ProcessEntry entry) {
        return ProcessDirectory.node(state, entry.getNodeId()).filter(n -> n.getState() == NodeState.ONLINE)
                .orElseThrow(() -> DaemonError.of(Status.Code.UNAVAILABLE, "node " + entry.getNodeId()
                        + ", where process " + entry.getGpid() + " runs, is not online"));
    }
}
