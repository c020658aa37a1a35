package org.linuxssi.node.scheduler;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MOSIX-like load balancer, on the Raft leader while 'krgadm scheduler set balancer' (else scheduler.conf)
 * says on: every balancer_interval it probes the nodes' runnable LinuxSSI processes, filters the nodes that can
 * checkpoint and the processes that may move, lets the policy pick one migration, and makes it. At most one
 * migration per balancer_min_interval; a failed one is logged and its process left alone for a while.
 */
public final class LoadBalancer {

    private static final Logger LOG = LoggerFactory.getLogger(LoadBalancer.class);

    private final Scheduler scheduler;
    private final BalancerConfig config;
    private final Supplier<ClusterSnapshot> state;
    private final ProcessMover mover;
    private final Clock clock;
    private final MigrationLedger ledger = new MigrationLedger();
    private final BalancerProbe probe = new BalancerProbe(ledger);
    private final CheckpointCapableFilter nodeFilter = new CheckpointCapableFilter();
    private final CooldownFilter cooldown;
    private final List<MoveFilter> moveFilters;
    private final MosixBalancePolicy policy;
    private long lastMoveMs = Long.MIN_VALUE / 2;

    /**
     * @param state the leader's applied cluster state
     * @param mover the migration path
     */
    public LoadBalancer(Scheduler scheduler, Supplier<ClusterSnapshot> state, ProcessMover mover) {
        this(scheduler, state, mover, Clock.systemUTC());
    }

    LoadBalancer(Scheduler scheduler, Supplier<ClusterSnapshot> state, ProcessMover mover, Clock clock) {
        this.scheduler = scheduler;
        this.config = scheduler.config().balancer();
        this.state = state;
        this.mover = mover;
        this.clock = clock;
        this.cooldown = new CooldownFilter(config.processInterval().toMillis());
        this.moveFilters = List.of(new CanMigrateFilter(), cooldown);
        this.policy = new MosixBalancePolicy(config.margin());
    }

    /** Balances while this node leads and the balancer is on, until interrupted. */
    public void run(BooleanSupplier leader) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (leader.getAsBoolean()) {
                    round();
                }
            } catch (RuntimeException e) {
                LOG.warn("load balancer: {}", e.toString());
            }
            try {
                Thread.sleep(config.interval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at the cluster: at most one migration. Returns it when one was made or tried. */
    Optional<BalanceMove> round() {
        ClusterSnapshot cluster = state.get();
        long now = clock.millis();
        if (!scheduler.balancerOn(cluster) || now - lastMoveMs < config.minInterval().toMillis()) {
            return Optional.empty();
        }
        List<NodeLoad> nodes = nodeFilter.apply(probe.read(cluster, now));
        Predicate<LoadedProcess> movable = p -> moveFilters.stream().allMatch(f -> f.allows(p, now));
        Optional<BalanceMove> move = policy.choose(nodes, movable);
        move.ifPresent(this::make);
        return move;
    }

    private void make(BalanceMove move) {
        long gpid = move.process().gpid();
        LOG.info("load balancer: moving {}", move);
        try {
            mover.move(gpid, move.to().nodeId());
            long done = clock.millis();
            ledger.record(gpid, move.to().nodeId(), done);
            cooldown.touched(gpid, done);
            lastMoveMs = done;
        } catch (MigrationFailedException e) {
            long now = clock.millis();
            cooldown.touched(gpid, now);
            lastMoveMs = now;
            LOG.warn("load balancer: process {} stays on node {}: {} (not tried again for {} s)", gpid,
                    move.from().nodeId(), e.getMessage(), config.processInterval().toSeconds());
        }
    }
}
