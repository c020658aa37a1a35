package org.linuxssi.node.space;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.api.v1.SignalResult;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.GroupSignals;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * krgkill: finds each global PID's node in the process directory, checks that the caller owns the
 * process (root owns all), and asks each node concerned to deliver, in parallel. One result per
 * GPID, in the order asked.
 */
public final class ClusterSignals {

    private static final long NODE_TIMEOUT_MILLIS = 5000;

    private final ProcessSpace space;

    public ClusterSignals(ProcessSpace space) {
        this.space = space;
    }

    public SignalReply signal(SignalRequest request, CallerCredentials caller) throws NoQuorumException {
        if (request.getSignal() < 0 || request.getSignal() > GroupSignals.MAX_SIGNAL) {
            throw DaemonError.invalidArgument("signal " + request.getSignal() + " is not a signal number (allowed: "
                    + "0 to " + GroupSignals.MAX_SIGNAL + ")");
        }
        // The usual krgkill names one process: read its entry alone, not the whole directory.
        ClusterSnapshot state = request.getGpidsCount() == 1
                ? space.directory().readNodesAnd(request.getGpids(0)) : space.directory().read();
        Map<Long, String> results = new LinkedHashMap<>();
        Map<NodeInfo, List<Long>> perNode = new LinkedHashMap<>();
        for (long gpid : request.getGpidsList()) {
            Optional<ProcessEntry> entry = ProcessDirectory.entry(state, gpid).filter(e -> !e.getExited());
            if (entry.isEmpty()) {
                results.put(gpid, "no such process");
                continue;
            }
            if (!caller.isRoot() && caller.uid() != entry.get().getUid()) {
                results.put(gpid, "not permitted (owned by " + entry.get().getUser() + ")");
                continue;
            }
            Optional<NodeInfo> node = ProcessDirectory.node(state, entry.get().getNodeId());
            if (node.isEmpty() || node.get().getState() != NodeState.ONLINE) {
                results.put(gpid, "node " + entry.get().getNodeId() + " is "
                        + node.map(n -> n.getState().name().toLowerCase()).orElse("unknown"));
                continue;
            }
            results.put(gpid, null);
            perNode.computeIfAbsent(node.get(), n -> new ArrayList<>()).add(gpid);
        }
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Map<Long, String>>> answers = new ArrayList<>();
            perNode.forEach((node, gpids) -> answers.add(CompletableFuture.supplyAsync(
                    () -> deliver(node, gpids, request.getSignal(), caller.uid()), calls)));
            answers.forEach(answer -> results.putAll(answer.join()));
        }
        SignalReply.Builder reply = SignalReply.newBuilder();
        results.forEach((gpid, error) -> reply.addResults(SignalResult.newBuilder().setGpid(gpid)
                .setError(error == null ? "" : error)));
        return reply.build();
    }

    private Map<Long, String> deliver(NodeInfo node, List<Long> gpids, int signal, int uid) {
        Map<Long, String> results = new LinkedHashMap<>();
        try {
            SignalReply reply = space.peers().nodeAgent(node.getAddress(), NODE_TIMEOUT_MILLIS)
                    .signalLocal(SignalRequest.newBuilder().addAllGpids(gpids).setSignal(signal).setUid(uid).build());
            for (SignalResult result : reply.getResultsList()) {
                results.put(result.getGpid(), result.getError());
            }
        } catch (StatusRuntimeException e) {
            for (long gpid : gpids) {
                results.put(gpid, "node " + node.getNodeId() + " did not answer (" + e.getStatus().getCode() + ")");
            }
        }
        return results;
    }
}
