package org.linuxssi.node.space;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.ProcessInfo;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * krgps and krgtop: asks every online node (or the one asked for) for its processes in parallel,
 * with a short deadline, and merges the answers by global PID; nodes that did not answer in time
 * are listed as missing instead of holding the answer back.
 */
public final class ClusterProcessList {

    private static final long NODE_TIMEOUT_MILLIS = 3000;

    private final ProcessSpace space;

    public ClusterProcessList(ProcessSpace space) {
        this.space = space;
    }

    public ListProcessesReply list(ListProcessesRequest request) throws NoQuorumException {
        ClusterSnapshot state = space.directory().read();
        List<NodeInfo> nodes = state.getNodesList().stream()
                .filter(n -> n.getState() == NodeState.ONLINE)
                .filter(n -> request.getNodeId() == 0 || n.getNodeId() == request.getNodeId())
                .toList();
        if (request.getNodeId() != 0 && nodes.isEmpty()) {
            throw DaemonError.failedPrecondition("node " + request.getNodeId() + " is not online (online nodes: "
                    + ProcessDirectory.onlineList(state) + ")");
        }
        List<ProcessInfo> processes = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ListProcessesReply>> answers = new ArrayList<>();
            for (NodeInfo node : nodes) {
                answers.add(CompletableFuture.supplyAsync(() -> space.peers()
                        .nodeAgent(node.getAddress(), NODE_TIMEOUT_MILLIS).listLocal(request), calls));
            }
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    processes.addAll(answers.get(i).join().getProcessesList());
                } catch (java.util.concurrent.CompletionException e) {
                    if (!(e.getCause() instanceof StatusRuntimeException)) {
                        throw e;
                    }
                    missing.add(nodes.get(i).getNodeId());
                }
            }
        }
        processes.sort(Comparator.comparingLong(ProcessInfo::getGpid));
        return ListProcessesReply.newBuilder().addAllProcesses(processes).addAllMissingNodes(missing).build();
    }
}
