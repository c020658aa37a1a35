package org.linuxssi.node.capability;

import java.util.Map;
import org.linuxssi.api.v1.SetProcessCapabilities;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.ProcessEntry;

/** Applies SetProcessCapabilities to the replicated process directory (called by ClusterState). */
public final class ProcessCapabilityChange {

    private ProcessCapabilityChange() {
    }

    public static CommandResult apply(Map<Long, ProcessEntry> processes, SetProcessCapabilities change) {
        ProcessEntry entry = processes.get(change.getGpid());
        if (entry == null || entry.getExited()) {
            return CommandResult.newBuilder().setError("no process " + change.getGpid()).build();
        }
        processes.put(change.getGpid(), entry.toBuilder().setCapabilities(change.getSets()).build());
        return CommandResult.getDefaultInstance();
    }
}
