package org.linuxssi.node.control;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.api.v1.state.AdmitNodes;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ClusterIdentity;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.Heartbeat;
import org.linuxssi.api.v1.state.MarkNodes;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.api.v1.state.ProcessExited;
import org.linuxssi.api.v1.state.RegisterNode;
import org.linuxssi.api.v1.state.RemoveNodes;
import org.linuxssi.api.v1.state.StateQuery;
import org.linuxssi.node.capability.ProcessCapabilityChange;
import org.linuxssi.node.checkpoint.ProcessMove;

/**
 * The replicated cluster state (node table, identity, scheduler settings, process
 * directory, DRMAA jobs in {@link JobTable}) and the rules that change it. Deterministic: every
 * manager applies the same commands in the same order and reaches the same state,
 * so nothing here reads a clock or the environment (times come in the command).
 */
public final class ClusterState {

    /** Heartbeat result for a node the table does not know: the sender registers again. */
    public static final String UNREGISTERED = "unregistered";

    /** Exited processes kept in the directory for krgps and late waiters, newest last. */
    public static final int EXITED_KEPT = 1000;

    private final long staleAfterMs;
    private ClusterIdentity identity;
    private SchedulerSettings scheduler = SchedulerSettings.getDefaultInstance();
    private final Map<Integer, NodeInfo> nodes = new TreeMap<>();
    private final Map<Long, ProcessEntry> processes = new LinkedHashMap<>();
    private int exitedCount;
    private final JobTable jobs = new JobTable();

    /** @param staleAfterMs silence after which another daemon may take over a node id */
    public ClusterState(long staleAfterMs) {
        this.staleAfterMs = staleAfterMs;
    }

    public synchronized CommandResult apply(ClusterCommand command) {
        return switch (command.getCommandCase()) {
            case REGISTER_NODE -> register(command.getRegisterNode(), command.getTimeMs());
            case HEARTBEAT -> heartbeat(command.getHeartbeat(), command.getTimeMs());
            case ADMIT_NODES -> admit(command.getAdmitNodes());
            case REMOVE_NODES -> remove(command.getRemoveNodes());
            case MARK_NODES -> mark(command.getMarkNodes());
            case INIT_IDENTITY -> initIdentity(command.getInitIdentity().getIdentity());
            case SET_SCHEDULER -> setScheduler(command.getSetScheduler());
            case PROCESS_STARTED -> processStarted(command.getProcessStarted().getEntry());
            case PROCESS_EXITED -> processExited(command.getProcessExited());
            case PROBE -> CommandResult.getDefaultInstance();
            case BATCH -> batch(command.getBatch().getCommandsList());
            case DRMAA -> jobs.apply(command.getDrmaa(), command.getTimeMs());
            case SET_PROCESS_CAPABILITIES -> ProcessCapabilityChange.apply(processes,
                    command.getSetProcessCapabilities());
            case PROCESS_MOVED -> ProcessMove.apply(processes, command.getProcessMoved());
            case COMMAND_NOT_SET -> error("empty command");
        };
    }

    public synchronized ClusterSnapshot snapshot() {
        ClusterSnapshot.Builder builder = ClusterSnapshot.newBuilder().addAllNodes(nodes.values())
                .setScheduler(scheduler).addAllProcesses(processes.values());
        if (identity != null) {
            builder.setIdentity(identity);
        }
        return builder.build();
    }

    /** The part of the state a {@link StateQuery} asks for. */
    public synchronized ClusterSnapshot view(StateQuery query) {
        if (!query.getNodesOnly()) {
            return snapshot();
        }
        ClusterSnapshot.Builder builder = ClusterSnapshot.newBuilder().addAllNodes(nodes.values())
                .setScheduler(scheduler);
        if (identity != null) {
            builder.setIdentity(identity);
        }
        ProcessEntry entry = processes.get(query.getGpid());
        if (entry != null) {
            builder.addProcesses(entry);
        }
        return builder.build();
    }

    /** The DRMAA sessions and jobs (their own lock: the leader's dispatcher reads them directly). */
    public JobTable jobs() {
        return jobs;
    }

    /** A read of the job table, with the address of each job's node as its exec_host. */
    public synchronized ListJobsReply queryJobs(ListJobsRequest request) {
        return jobs.query(request, id -> {
            NodeInfo node = nodes.get(id);
            return node == null ? "node" + id : node.getAddress();
        });
    }

    /** What a snapshot file holds: {@link #snapshot()} and the job table. */
    public synchronized ClusterSnapshot durableSnapshot() {
        return snapshot().toBuilder().setDrmaa(jobs.snapshot()).build();
    }

    public synchronized void restore(ClusterSnapshot snapshot) {
        jobs.restore(snapshot.getDrmaa());
        identity = snapshot.hasIdentity() ? snapshot.getIdentity() : null;
        nodes.clear();
        for (NodeInfo node : snapshot.getNodesList()) {
            nodes.put(node.getNodeId(), node);
        }
        scheduler = snapshot.getScheduler();
        processes.clear();
        exitedCount = 0;
        for (ProcessEntry entry : snapshot.getProcessesList()) {
            processes.put(entry.getGpid(), entry);
            exitedCount += entry.getExited() ? 1 : 0;
        }
    }

    private CommandResult register(RegisterNode r, long now) {
        NodeInfo existing = nodes.get(r.getNodeId());
        if (existing != null && !existing.getAddress().equals(r.getAddress())
                && existing.getState() != NodeState.DOWN
                && now - existing.getLastHeartbeatMs() < staleAfterMs) {
            return error("node_id " + r.getNodeId() + " is already used by the daemon at " + existing.getAddress()
                    + "; refusing the daemon at " + r.getAddress() + " (give one of them another node_id)");
        }
        NodeState state;
        if (existing == null) {
            state = r.getAutoAdd() ? NodeState.ONLINE : NodeState.PRESENT;
        } else if (existing.getState() == NodeState.PRESENT) {
            state = r.getAutoAdd() ? NodeState.ONLINE : NodeState.PRESENT;
        } else {
            state = NodeState.ONLINE;
        }
        nodes.put(r.getNodeId(), NodeInfo.newBuilder()
                .setNodeId(r.getNodeId())
                .setAddress(r.getAddress())
                .setState(state)
                .setResources(r.getResources())
                .setLastHeartbeatMs(now)
                .setManager(r.getManager())
                .setVersion(r.getVersion())
                .build());
        return CommandResult.newBuilder().addNodeIds(r.getNodeId()).build();
    }

    private CommandResult heartbeat(Heartbeat h, long now) {
        NodeInfo existing = nodes.get(h.getNodeId());
        if (existing == null || !existing.getAddress().equals(h.getAddress())) {
            return error(UNREGISTERED);
        }
        NodeState state = existing.getState() == NodeState.DOWN ? NodeState.ONLINE : existing.getState();
        nodes.put(h.getNodeId(), existing.toBuilder()
                .setResources(h.getResources())
                .setLastHeartbeatMs(now)
                .setState(state)
                .build());
        return CommandResult.getDefaultInstance();
    }

    private CommandResult admit(AdmitNodes a) {
        return transition(a.getNodeIdsList(), NodeState.PRESENT, NodeState.ONLINE);
    }

    private CommandResult remove(RemoveNodes r) {
        return transition(r.getNodeIdsList(), NodeState.ONLINE, NodeState.PRESENT);
    }

    private CommandResult mark(MarkNodes m) {
        CommandResult down = transition(m.getDownList(), NodeState.ONLINE, NodeState.DOWN);
        for (int id : m.getForgetList()) {
            NodeInfo node = nodes.get(id);
            if (node != null && node.getState() == NodeState.PRESENT) {
                nodes.remove(id);
            }
        }
        return down;
    }

    private CommandResult transition(List<Integer> ids, NodeState from, NodeState to) {
        List<Integer> changed = new ArrayList<>();
        for (int id : ids) {
            NodeInfo node = nodes.get(id);
            if (node != null && node.getState() == from) {
                nodes.put(id, node.toBuilder().setState(to).build());
                changed.add(id);
            }
        }
        return CommandResult.newBuilder().addAllNodeIds(changed).build();
    }

    private CommandResult initIdentity(ClusterIdentity proposed) {
        if (identity == null) {
            identity = proposed;
        }
        return CommandResult.newBuilder().setIdentity(identity).build();
    }

    private CommandResult setScheduler(SchedulerSettings settings) {
        // A change names what it changes: the policy, the balancer, or both.
        SchedulerSettings.Builder merged = scheduler.toBuilder().clearAvailablePolicies();
        if (!settings.getPolicy().isEmpty()) {
            merged.setPolicy(settings.getPolicy());
        }
        if (settings.getBalancer() != BalancerMode.BALANCER_UNSET) {
            merged.setBalancer(settings.getBalancer());
        }
        scheduler = merged.build();
        return CommandResult.getDefaultInstance();
    }

    private CommandResult batch(List<ClusterCommand> commands) {
        CommandResult.Builder results = CommandResult.newBuilder();
        for (ClusterCommand command : commands) {
            results.addResults(apply(command));
        }
        return results.build();
    }

    private CommandResult processStarted(ProcessEntry entry) {
        if (entry.getDrmaaJobId() != 0) {
            if (jobs.startedAlready(entry)) {
                return CommandResult.getDefaultInstance();
            }
            String refused = jobs.onProcessStarted(entry);
            if (refused != null) {
                return error(refused);
            }
        }
        ProcessEntry previous = processes.remove(entry.getGpid());
        if (previous != null && previous.getExited()) {
            exitedCount--;
        }
        processes.put(entry.getGpid(), entry);
        if (entry.getExited()) {
            exitedCount++;
            prune();
        }
        return CommandResult.getDefaultInstance();
    }

    private CommandResult processExited(ProcessExited exited) {
        ProcessEntry entry = processes.get(exited.getGpid());
        if (entry == null) {
            return error("no process " + exited.getGpid());
        }
        jobs.onProcessExited(exited.getGpid(), exited.getExit());
        if (!entry.getExited()) {
            // Re-inserted so that the order of the map is the order of exits, oldest first.
            processes.remove(exited.getGpid());
            processes.put(exited.getGpid(), entry.toBuilder().setExited(true).setExit(exited.getExit()).build());
            exitedCount++;
            prune();
        }
        return CommandResult.getDefaultInstance();
    }

    private void prune() {
        Iterator<ProcessEntry> oldestFirst = processes.values().iterator();
        while (exitedCount > EXITED_KEPT && oldestFirst.hasNext()) {
            if (oldestFirst.next().getExited()) {
                oldestFirst.remove();
                exitedCount--;
            }
        }
    }

    private static CommandResult error(String message) {
        return CommandResult.newBuilder().setError(message).build();
    }
}
