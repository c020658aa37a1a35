package org.linuxssi.node.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one node, as read from node.conf.
 *
 * @param sessionId         cluster name, 1–9999
 * @param nodeId            fixed node id, or empty for {@code auto}
 * @param clusterNetwork    network whose address gives the node id and the bind address, if set
 * @param bindAddress       address to listen on, if set explicitly
 * @param port              gRPC port; the Raft port is {@code port + 1}
 * @param managers          the manager nodes; empty means this node alone
 * @param stateDir          Raft storage and process state
 * @param socket            Unix socket for local tools
 * @param autoAdd           admit every present node at once
 * @param heartbeatInterval how often this node reports its load
 * @param heartbeatTimeout  silence after which the leader marks a node down
 * @param snapshotEvery     Raft log entries between two snapshots of the cluster state
 * @param shepherdPath      the linuxssi-shepherd binary, if set; else it is looked for (see ShepherdLocator)
 * @param criuPath          the criu binary, if set; else {@code criu} on PATH
 * @param checkpointDir     where checkpoints go, APPID/vN/ each; shared by the nodes for restart anywhere
 */
public record NodeConfig(
        int sessionId,
        Optional<Integer> nodeId,
        Optional<Cidr> clusterNetwork,
        Optional<InetAddress> bindAddress,
        int port,
        List<ManagerAddress> managers,
        Path stateDir,
        Path socket,
        boolean autoAdd,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        long snapshotEvery,
        Optional<Path> shepherdPath,
        Optional<Path> criuPath,
        Path checkpointDir) {

    public static final int DEFAULT_PORT = 7470;
    public static final int MAX_NODE_ID = 4094;
    public static final int MAX_SESSION_ID = 9999;

    /** The Raft port is always next to the gRPC port, so a manager is named by one address. */
    public int raftPort() {
        return port + 1;
    }
}
