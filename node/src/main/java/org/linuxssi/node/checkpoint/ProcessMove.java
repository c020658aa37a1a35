package org.linuxssi.node.checkpoint;

import java.util.Map;
import org.linuxssi.api.v1.ProcessMoved;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.ProcessEntry;

/** Applies ProcessMoved to the replicated process directory (called by ClusterState): the new node. */
public final class ProcessMove {

    private ProcessMove() {
    }

    public static CommandResult apply(Map<Long, ProcessEntry> processes, ProcessMoved moved) {
        ProcessEntry entry = processes.get(moved.getGpid());
        if (entry == null || entry.getExited()) {
            return CommandResult.newBuilder().setError("no process " + moved.getGpid()).build();
        }
        processes.put(moved.getGpid(), entry.toBuilder().setNodeId(moved.getNodeId()).build());
        return CommandResult.getDefaultInstance();
    }
}
