package org.linuxssi.node.scheduler;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linuxssi.api.v1.PlacementReply;
import org.linuxssi.api.v1.PlacementRequest;
import org.linuxssi.api.v1.state.ClusterSnapshot;

/**
 * Places new processes on the Raft leader: probes the cluster state, filters the nodes a process can run on, and
 * lets the policy in force choose among them.
 */
public final class Scheduler {

    private static final List<String> POLICIES =
            List.of(LeastLoadedPolicy.NAME, RoundRobinPolicy.NAME, PackPolicy.NAME);

    private final SchedulerConfig config;
    private final Clock clock;
    private final PlacementLedger ledger = new PlacementLedger();
    private final ClusterProbe probe = new ClusterProbe(ledger);
    private final List<NodeFilter> filters = List.of(new OnlineFilter(), new AllowedNodesFilter(), new MemoryFilter());
    private final Map<String, PlacementPolicy> policies = new LinkedHashMap<>();

    public Scheduler(SchedulerConfig config) {
        this(config, Clock.systemUTC());
    }

    Scheduler(SchedulerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        for (PlacementPolicy policy : List.of(new LeastLoadedPolicy(), new RoundRobinPolicy(), new PackPolicy())) {
            policies.put(policy.name(), policy);
        }
    }

    /**
     * Chooses a node for one new process; a PlacementException's message is the one line a user reads.
     * Serialised: each placement must see the ones before it in the ledger, and round_robin's ring is shared.
     */
    public synchronized PlacementReply place(PlacementRequest request, ClusterSnapshot state)
            throws PlacementException {
        String name = request.getPolicy().isEmpty() ? effectivePolicy(state) : request.getPolicy();
        PlacementPolicy policy = policies.get(name);
        if (policy == null) {
            throw new PlacementException(unknownPolicy(name));
        }
        long now = clock.millis();
        List<CandidateNode> candidates = probe.read(state, now);
        for (NodeFilter filter : filters) {
            candidates = filter.apply(candidates, request);
        }
        CandidateNode chosen = policy.choose(candidates);
        ledger.record(chosen, request.getMemBytes(), now);
        return PlacementReply.newBuilder().setNodeId(chosen.nodeId()).setAddress(chosen.address()).build();
    }

    /** The policy in force: the replicated setting if set, else scheduler.conf's default. */
    public String effectivePolicy(ClusterSnapshot state) {
        String replicated = state.getScheduler().getPolicy();
        return replicated.isEmpty() ? config.defaultPolicy() : replicated;
    }

    /** Whether the load balancer runs: the replicated setting if set, else scheduler.conf's. */
    public boolean balancerOn(ClusterSnapshot state) {
        return switch (state.getScheduler().getBalancer()) {
            case BALANCER_ON -> true;
            case BALANCER_OFF -> false;
            default -> config.balancer().on();
        };
    }

    SchedulerConfig config() {
        return config;
    }

    /** Every policy name this scheduler knows, the default first. */
    public static List<String> policies() {
        return POLICIES;
    }

    /** The same line for a bad name in a request, the replicated setting or scheduler.conf. */
    static String unknownPolicy(String name) {
        return "unknown policy '" + name + "' (allowed: " + String.join(", ", POLICIES) + ")";
    }
}
