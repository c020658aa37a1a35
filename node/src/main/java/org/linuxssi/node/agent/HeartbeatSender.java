package org.linuxssi.node.agent;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.linuxssi.api.ProtocolVersion;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.Heartbeat;
import org.linuxssi.api.v1.state.RegisterNode;
import org.linuxssi.node.control.ClusterState;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.NoQuorumException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers this node in the cluster state, then reports its load every heartbeat interval. */
public final class HeartbeatSender {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatSender.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final ControlPlane control;
    private final LoadProbe probe;
    private final int nodeId;
    private final String address;
    private final boolean autoAdd;
    private final Duration interval;

    public HeartbeatSender(ControlPlane control, LoadProbe probe, int nodeId, String address, boolean autoAdd,
                           Duration interval) {
        this.control = control;
        this.probe = probe;
        this.nodeId = nodeId;
        this.address = address;
        this.autoAdd = autoAdd;
        this.interval = interval;
    }

    /**
     * Registers, waiting for a quorum as long as it takes or until {@code stopping} says so.
     *
     * @return true once registered, false when the daemon is stopping first
     * @throws CommandRefusedException when another live daemon holds this node id
     */
    public boolean register(BooleanSupplier stopping) throws CommandRefusedException, InterruptedException {
        long nextLog = System.nanoTime() + LOG_EVERY.toNanos();
        while (!stopping.getAsBoolean()) {
            try {
                control.submit(registration(), Duration.ofSeconds(5));
                LOG.info("node {} registered in the cluster state at {}", nodeId, address);
                return true;
            } catch (NoQuorumException e) {
                if (System.nanoTime() - nextLog >= 0) {
                    LOG.info("waiting for a quorum of managers to register node {}: {}", nodeId, e.getMessage());
                    nextLog = System.nanoTime() + LOG_EVERY.toNanos();
                }
                Thread.sleep(interval.toMillis());
            }
        }
        return false;
    }

    /** Sends heartbeats until interrupted; re-registers when the cluster forgot this node. */
    public void run() {
        long nextLog = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval.toMillis());
                control.submit(ClusterCommand.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setNodeId(nodeId).setAddress(address).setResources(probe.read())).build(), interval.multipliedBy(2));
            } catch (InterruptedException e) {
                return;
            } catch (NoQuorumException e) {
                if (System.nanoTime() - nextLog >= 0) {
                    LOG.warn("heartbeat of node {} not recorded: {}", nodeId, e.getMessage());
                    nextLog = System.nanoTime() + LOG_EVERY.toNanos();
                }
            } catch (CommandRefusedException e) {
                if (ClusterState.UNREGISTERED.equals(e.getMessage())) {
                    reRegister();
                }
            }
        }
    }

    private void reRegister() {
        try {
            control.submit(registration(), interval.multipliedBy(2));
            LOG.info("node {} registered again", nodeId);
        } catch (NoQuorumException | CommandRefusedException e) {
            LOG.warn("node {} could not register again: {}", nodeId, e.getMessage());
        }
    }

    private ClusterCommand registration() {
        return ClusterCommand.newBuilder().setRegisterNode(RegisterNode.newBuilder()
                .setNodeId(nodeId)
                .setAddress(address)
                .setResources(probe.read())
                .setAutoAdd(autoAdd)
                .setManager(control.layout().isManager())
                .setVersion(ProtocolVersion.CURRENT.toString())).build();
    }
}
