package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ChangeNodesReply;
import org.linuxssi.api.v1.ChangeNodesRequest;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.ClusterStatusRequest;
import org.linuxssi.api.v1.GetSchedulerRequest;
import org.linuxssi.api.v1.BalancerMode;
import org.linuxssi.api.v1.SchedulerSettings;
import org.linuxssi.api.v1.InitClusterReply;
import org.linuxssi.api.v1.InitClusterRequest;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.api.v1.PowerReply;
import org.linuxssi.api.v1.PowerRequest;
import org.linuxssi.api.v1.ShutdownRequest;
import org.linuxssi.api.v1.state.AdmitNodes;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ClusterIdentity;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.InitIdentity;
import org.linuxssi.api.v1.state.RemoveNodes;
import org.linuxssi.node.Lifecycle;
import org.linuxssi.node.config.ManagerAddress;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.scheduler.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * krgadm's view of the cluster: status, node admission and removal with Kerrighed's
 * rules and messages, poweroff and reboot, the cluster identity and the scheduler policy.
 */
public final class ClusterAdminService extends ClusterAdminGrpc.ClusterAdminImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterAdminService.class);
    private static final Duration READ = Duration.ofSeconds(4);
    private static final Duration WRITE = Duration.ofSeconds(6);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int DEFAULT_WAIT_SECONDS = 60;

    private final int sessionId;
    private final int nodeId;
    private final String clusterNetwork;
    private final ControlPlane control;
    private final PeerChannels peers;
    private final Lifecycle lifecycle;

    private final Scheduler scheduler;

    public ClusterAdminService(int sessionId, int nodeId, String clusterNetwork, ControlPlane control,
                               PeerChannels peers, Lifecycle lifecycle, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.sessionId = sessionId;
        this.nodeId = nodeId;
        this.clusterNetwork = clusterNetwork;
        this.control = control;
        this.peers = peers;
        this.lifecycle = lifecycle;
    }

    @Override
    public void getClusterStatus(ClusterStatusRequest request, StreamObserver<ClusterStatusReply> reply) {
        ClusterStatusReply.Builder status = ClusterStatusReply.newBuilder().setSessionId(sessionId).setNodeId(nodeId);
        try {
            ClusterSnapshot state = control.read(READ);
            int online = count(state, NodeState.ONLINE);
            status.setUp(online > 0)
                    .setOnlineNodes(online)
                    .setPresentNodes(count(state, NodeState.PRESENT))
                    .setDownNodes(count(state, NodeState.DOWN))
                    .setClusterId(state.getIdentity().getClusterId())
                    .setLeader(control.leader());
        } catch (NoQuorumException e) {
            status.setUp(false).setReason(e.getMessage());
        }
        answer(reply, status.build());
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> reply) {
        run(reply, () -> {
            ClusterSnapshot state = control.read(READ);
            Set<Integer> wanted = new TreeSet<>(request.getNodeIdsList());
            List<NodeInfo> nodes = state.getNodesList().stream()
                    .filter(n -> wanted.isEmpty() || wanted.contains(n.getNodeId()))
                    .toList();
            return ListNodesReply.newBuilder().addAllNodes(nodes).build();
        });
    }

    @Override
    public void addNodes(ChangeNodesRequest request, StreamObserver<ChangeNodesReply> reply) {
        run(reply, () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds(request)).toNanos();
            ClusterSnapshot state = control.read(READ);
            List<Integer> toAdd = switch (request.getSelectorCase()) {
                case ALL -> ids(state, n -> n.getState() == NodeState.PRESENT);
                case NODES -> {
                    List<Integer> listed = new ArrayList<>(new TreeSet<>(request.getNodes().getNodeIdsList()));
                    listed.removeIf(id -> stateOf(state, id) == NodeState.ONLINE);
                    awaitPresent(listed, deadline);
                    yield listed;
                }
                case COUNT -> awaitPresentCount(request.getCount(), deadline);
                case TOTAL -> awaitPresentCount(request.getTotal() - count(state, NodeState.ONLINE), deadline);
                case SELECTOR_NOT_SET -> throw selectorMissing();
            };
            ChangeNodesReply.Builder result = ChangeNodesReply.newBuilder();
            if (toAdd.isEmpty()) {
                return result.build();
            }
            CommandResult applied = submit(ClusterCommand.newBuilder()
                    .setAdmitNodes(AdmitNodes.newBuilder().addAllNodeIds(toAdd)).build());
            LOG.info("nodes {} admitted", applied.getNodeIdsList());
            return result.addAllChanged(applied.getNodeIdsList()).build();
        });
    }

    @Override
    public void removeNodes(ChangeNodesRequest request, StreamObserver<ChangeNodesReply> reply) {
        run(reply, () -> {
            ClusterSnapshot state = control.read(READ);
            ChangeNodesReply.Builder result = ChangeNodesReply.newBuilder();
            List<Integer> toRemove = new ArrayList<>();
            switch (request.getSelectorCase()) {
                case ALL -> toRemove.addAll(ids(state, n -> n.getState() == NodeState.ONLINE && n.getNodeId() != nodeId));
                case NODES -> {
                    for (int id : new TreeSet<>(request.getNodes().getNodeIdsList())) {
                        if (stateOf(state, id) != NodeState.ONLINE) {
                            result.addNotes("Unable to suppress node " + id + " (must be 'online').");
                        } else if (id == nodeId) {
                            result.addNotes("Unable to suppress current node.");
                        } else {
                            toRemove.add(id);
                        }
                    }
                }
                case COUNT, TOTAL -> {
                    List<Integer> online = ids(state, n -> n.getState() == NodeState.ONLINE);
                    int n = request.getSelectorCase() == ChangeNodesRequest.SelectorCase.COUNT
                            ? request.getCount() : online.size() - request.getTotal();
                    if (n < 0 || n >= online.size()) {
                        throw DaemonError.failedPrecondition("Not enough nodes to remove. Aborting.");
                    }
                    online.stream().filter(id -> id != nodeId).limit(n).forEach(toRemove::add);
                }
                case SELECTOR_NOT_SET -> throw selectorMissing();
            }
            if (toRemove.isEmpty()) {
                return result.build();
            }
            CommandResult applied = submit(ClusterCommand.newBuilder()
                    .setRemoveNodes(RemoveNodes.newBuilder().addAllNodeIds(toRemove)).build());
            LOG.info("nodes {} removed from the cluster", applied.getNodeIdsList());
            return result.addAllChanged(applied.getNodeIdsList()).build();
        });
    }

    @Override
    public void power(PowerRequest request, StreamObserver<PowerReply> reply) {
        PowerAction action = request.getAction();
        if (action != PowerAction.POWEROFF && action != PowerAction.REBOOT) {
            reply.onError(DaemonError.invalidArgument("power action " + action + " is not allowed (allowed: POWEROFF, REBOOT)"));
            return;
        }
        ClusterSnapshot state;
        try {
            state = control.read(READ);
        } catch (NoQuorumException e) {
            reply.onError(DaemonError.noQuorum(e.getMessage()));
            return;
        }
        if (count(state, NodeState.ONLINE) == 0) {
            reply.onError(DaemonError.failedPrecondition("cluster not running"));
            return;
        }
        PowerReply.Builder result = PowerReply.newBuilder();
        for (NodeInfo node : state.getNodesList()) {
            if (node.getNodeId() == nodeId || node.getState() == NodeState.DOWN) {
                continue;
            }
            try {
                peers.peer(node.getAddress(), 5000).shutdown(ShutdownRequest.newBuilder()
                        .setAction(action).setRequestedBy(nodeId).build());
                result.addNodeIds(node.getNodeId());
            } catch (StatusRuntimeException e) {
                LOG.warn("node {} at {} did not take the {} request: {}", node.getNodeId(), node.getAddress(),
                        action, e.getStatus());
            }
        }
        result.addNodeIds(nodeId);
        LOG.info("{} of the cluster requested from this node", action.name().toLowerCase());
        reply.onNext(result.build());
        reply.onCompleted();
        lifecycle.request(action);
    }

    @Override
    public void initCluster(InitClusterRequest request, StreamObserver<InitClusterReply> reply) {
        run(reply, () -> {
            byte[] token = new byte[24];
            new SecureRandom().nextBytes(token);
            ClusterIdentity proposed = ClusterIdentity.newBuilder()
                    .setSessionId(sessionId)
                    .setClusterId(UUID.randomUUID().toString())
                    .setJoinToken(HexFormat.of().formatHex(token))
                    .setCreatedMs(System.currentTimeMillis())
                    .setClusterNetwork(clusterNetwork)
                    .build();
            ClusterIdentity identity = submit(ClusterCommand.newBuilder()
                    .setInitIdentity(InitIdentity.newBuilder().setIdentity(proposed)).build()).getIdentity();
            return InitClusterReply.newBuilder()
                    .setSessionId(identity.getSessionId())
                    .setClusterId(identity.getClusterId())
                    .setJoinToken(identity.getJoinToken())
                    .setClusterNetwork(identity.getClusterNetwork())
                    .addAllManagers(control.layout().managers().stream().map(ManagerAddress::toString).toList())
                    .setCreated(identity.getClusterId().equals(proposed.getClusterId()))
                    .build();
        });
    }

    @Override
    public void getScheduler(GetSchedulerRequest request, StreamObserver<SchedulerSettings> reply) {
        run(reply, () -> settings(control.read(READ)));
    }

    @Override
    public void setScheduler(SchedulerSettings request, StreamObserver<SchedulerSettings> reply) {
        run(reply, () -> {
            if (request.getPolicy().isEmpty() && request.getBalancer() == BalancerMode.BALANCER_UNSET) {
                throw DaemonError.invalidArgument("nothing to set: name a policy or the balancer's mode");
            }
            if (!request.getPolicy().isEmpty() && !Scheduler.policies().contains(request.getPolicy())) {
                throw DaemonError.invalidArgument("unknown policy '" + request.getPolicy() + "' (allowed: "
                        + String.join(", ", Scheduler.policies()) + ")");
            }
            submit(ClusterCommand.newBuilder().setSetScheduler(SchedulerSettings.newBuilder()
                    .setPolicy(request.getPolicy()).setBalancer(request.getBalancer())).build());
            LOG.info("scheduler set:{}{}", request.getPolicy().isEmpty() ? "" : " policy " + request.getPolicy(),
                    request.getBalancer() == BalancerMode.BALANCER_UNSET ? ""
                            : " balancer " + (request.getBalancer() == BalancerMode.BALANCER_ON ? "on" : "off"));
            return settings(control.read(READ));
        });
    }

    private SchedulerSettings settings(ClusterSnapshot state) {
        return SchedulerSettings.newBuilder().setPolicy(scheduler.effectivePolicy(state))
                .addAllAvailablePolicies(Scheduler.policies())
                .setBalancer(scheduler.balancerOn(state) ? BalancerMode.BALANCER_ON : BalancerMode.BALANCER_OFF)
                .build();
    }

    private void awaitPresent(List<Integer> ids, long deadline) throws NoQuorumException, InterruptedException {
        while (true) {
            ClusterSnapshot state = control.read(READ);
            List<Integer> missing = ids.stream().filter(id -> stateOf(state, id) != NodeState.PRESENT).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw DaemonError.failedPrecondition("nodes " + missing + " did not join (not present). Aborting.");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private List<Integer> awaitPresentCount(int wanted, long deadline) throws NoQuorumException, InterruptedException {
        if (wanted <= 0) {
            return List.of();
        }
        while (true) {
            List<Integer> present = ids(control.read(READ), n -> n.getState() == NodeState.PRESENT);
            if (present.size() >= wanted) {
                return present.subList(0, wanted);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw DaemonError.failedPrecondition("only " + present.size() + " of " + wanted
                        + " nodes are present. Aborting.");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private CommandResult submit(ClusterCommand command) throws NoQuorumException {
        try {
            return control.submit(command, WRITE);
        } catch (CommandRefusedException e) {
            throw DaemonError.failedPrecondition(e.getMessage());
        }
    }

    private static int waitSeconds(ChangeNodesRequest request) {
        return request.getWaitSeconds() > 0 ? request.getWaitSeconds() : DEFAULT_WAIT_SECONDS;
    }

    private static StatusRuntimeException selectorMissing() {
        return DaemonError.invalidArgument("Only one of --all, --count, --total or --nodes option is supported. Aborting.");
    }

    private static NodeState stateOf(ClusterSnapshot state, int id) {
        return state.getNodesList().stream().filter(n -> n.getNodeId() == id).map(NodeInfo::getState)
                .findFirst().orElse(NodeState.NODE_STATE_UNSPECIFIED);
    }

    private static List<Integer> ids(ClusterSnapshot state, Predicate<NodeInfo> filter) {
        return state.getNodesList().stream().filter(filter).map(NodeInfo::getNodeId).sorted().toList();
    }

    private static int count(ClusterSnapshot state, NodeState wanted) {
        return (int) state.getNodesList().stream().filter(n -> n.getState() == wanted).count();
    }

    private static <T> void answer(StreamObserver<T> reply, T value) {
        reply.onNext(value);
        reply.onCompleted();
    }

    /** Runs a handler, turning the control plane's failures into one-line daemon errors. */
    private static <T> void run(StreamObserver<T> reply, Handler<T> handler) {
        try {
            answer(reply, handler.handle());
        } catch (NoQuorumException e) {
            reply.onError(DaemonError.noQuorum(e.getMessage()));
        } catch (StatusRuntimeException e) {
            reply.onError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.onError(DaemonError.of(Status.Code.UNAVAILABLE, "linuxssid is shutting down"));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure", e);
            reply.onError(DaemonError.of(Status.Code.INTERNAL, "internal error in linuxssid: " + e
                    + " (see the daemon's log)"));
        }
    }

    private interface Handler<T> {
        T handle() throws NoQuorumException, InterruptedException;
    }
}
