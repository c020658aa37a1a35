package org.linuxssi.testkit;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.node.agent.ShepherdLocator;

/**
 * A cluster of real linuxssid processes on 127.0.0.1 … 127.0.0.N, for demos, tests and
 * benchmarks. Every node keeps its files under {@code dir/nodeN}; the layout is saved in
 * {@code dir/cluster.properties} so that another process (linuxssi-local stop) can find it.
 */
public final class LocalCluster implements AutoCloseable {

    private final Path dir;
    private final int size;
    private final int port;
    private final int sessionId;
    private final List<LocalNode> nodes;

    private LocalCluster(Path dir, int size, int port, int sessionId, DaemonLauncher launcher) {
        this.dir = dir;
        this.size = size;
        this.port = port;
        this.sessionId = sessionId;
        this.nodes = IntStream.rangeClosed(1, size)
                .mapToObj(i -> new LocalNode(i, dir.resolve("node" + i), launcher))
                .toList();
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Re-attaches to a cluster started by another process from its cluster.properties. */
    public static LocalCluster attach(Path dir) throws IOException {
        Path file = dir.resolve("cluster.properties");
        if (!Files.exists(file)) {
            throw new IOException("no local cluster in " + dir + " (start one with 'linuxssi-local start N')");
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return new LocalCluster(dir, Integer.parseInt(properties.getProperty("nodes")),
                Integer.parseInt(properties.getProperty("port")), Integer.parseInt(properties.getProperty("session_id")),
                new DaemonLauncher(DaemonLauncher.defaultJvmOptions(), List.of()));
    }

    public Path dir() {
        return dir;
    }

    public int size() {
        return size;
    }

    public int port() {
        return port;
    }

    public int sessionId() {
        return sessionId;
    }

    /** Node {@code index}, 1-based as node ids are. */
    public LocalNode node(int index) {
        if (index < 1 || index > size) {
            throw new IllegalArgumentException("node " + index + " is not in this cluster (nodes 1 to " + size + ")");
        }
        return nodes.get(index - 1);
    }

    public List<LocalNode> nodes() {
        return nodes;
    }

    /** Starts every node that is not running. */
    public void startAll() throws IOException {
        for (LocalNode node : nodes) {
            if (!node.isRunning()) {
                node.start();
            }
        }
    }

    /** Waits until every node shows {@code online} in the cluster state, seen from a running node. */
    public void awaitAllOnline(Duration timeout) throws InterruptedException {
        awaitStates(timeout, IntStream.rangeClosed(1, size).boxed()
                .collect(Collectors.toMap(i -> i, i -> NodeState.ONLINE)));
    }

    /** Waits until the cluster state shows each listed node in the wanted state. */
    public void awaitStates(Duration timeout, Map<Integer, NodeState> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, NodeState> seen = Map.of();
        while (System.nanoTime() - deadline < 0) {
            if (nodes.stream().noneMatch(LocalNode::isRunning)) {
                break;
            }
            for (LocalNode node : nodes) {
                if (!node.isRunning()) {
                    continue;
                }
                seen = states(node);
                if (seen.entrySet().containsAll(wanted.entrySet())) {
                    return;
                }
                break;
            }
            Thread.sleep(200);
        }
        StringBuilder logs = new StringBuilder();
        for (LocalNode node : nodes) {
            logs.append("\n--- node ").append(node.index()).append(" log ---\n").append(node.logTail(15));
        }
        throw new IllegalStateException("cluster did not reach " + wanted + " within " + timeout.toSeconds()
                + " s; last seen " + seen + logs);
    }

    /** The node table as one running node sees it; empty when it cannot answer. */
    public Map<Integer, NodeState> states(LocalNode via) {
        ManagedChannel channel = GrpcEndpoints.unixChannel(via.socket(), Component.tool("linuxssi-local"));
        try {
            Map<Integer, NodeState> states = new LinkedHashMap<>();
            for (NodeInfo info : ClusterAdminGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .listNodes(ListNodesRequest.getDefaultInstance()).getNodesList()) {
                states.put(info.getNodeId(), info.getState());
            }
            return states;
        } catch (StatusRuntimeException e) {
            return Map.of();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Stops every node with SIGTERM (SIGKILL after a grace period). */
    public void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (LocalNode node : nodes) {
            stoppers.add(Thread.ofPlatform().start(() -> node.stop(Duration.ofSeconds(15))));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops every node, then kills the programs (and their shepherds) the nodes still ran. */
    @Override
    public void close() {
        stopAll();
        nodes.forEach(LocalNode::killProcesses);
    }

    /**
     * The criu the nodes use: LINUXSSI_CRIU, else the private copy bin/linuxssi-get-criu makes, else
     * none (the daemons then look on PATH).
     */
    public static Optional<Path> criu() {
        String fromEnv = System.getenv("LINUXSSI_CRIU");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv).toAbsolutePath());
        }
        Path fetched = Path.of("/var/cache/linuxssi-criu/bin/criu");
        return Files.isExecutable(fetched) ? Optional.of(fetched) : Optional.empty();
    }

    /** Sets up a local cluster: node count, managers, session, timeouts, extra node.conf lines. */
    public static final class Builder {
        private final Path dir;
        private int size = 3;
        private int managers = -1;
        private int sessionId = 1;
        private int port;
        private boolean autoAdd = true;
        private boolean restartExisting;
        private Duration heartbeatInterval = Duration.ofMillis(500);
        private Duration heartbeatTimeout = Duration.ofSeconds(5);
        private final Map<Integer, List<String>> extraLines = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(DaemonLauncher.defaultJvmOptions());
        private final List<String> daemonArgs = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir.toAbsolutePath();
        }

        public Builder nodes(int count) {
            if (count < 1 || count > 254) {
                throw new IllegalArgumentException("a local cluster has 1 to 254 nodes, not " + count);
            }
            this.size = count;
            return this;
        }

        /** How many of the first nodes are Raft managers (default: 1 for one node, else 3, at most all). */
        public Builder managers(int count) {
            this.managers = count;
            return this;
        }

        public Builder sessionId(int sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        /** Daemon port on every 127.0.0.N (default: a free pair P, P+1 chosen now). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * A directory that already holds a cluster restarts it, on its old port and with its
         * replicated state (linuxssi-local start after stop); without this, create() writes a new one.
         */
        public Builder restartExisting() {
            this.restartExisting = true;
            return this;
        }

        public Builder autoAdd(boolean autoAdd) {
            this.autoAdd = autoAdd;
            return this;
        }

        public Builder heartbeat(Duration interval, Duration timeout) {
            this.heartbeatInterval = interval;
            this.heartbeatTimeout = timeout;
            return this;
        }

        /** A line added to node {@code index}'s node.conf (replacing a generated key of the same name). */
        public Builder configLine(int index, String line) {
            extraLines.computeIfAbsent(index, i -> new ArrayList<>()).add(line);
            return this;
        }

        public Builder daemonArgs(String... args) {
            daemonArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Daemons get the JVM that {@code bin/linuxssid} and the packaged service use (both JIT
         * compilers, the default heap) instead of the tests' quick-start one: what benchmarks measure.
         */
        public Builder productionJvm() {
            jvmOptions.removeAll(DaemonLauncher.TEST_ONLY_OPTIONS);
            return this;
        }

        /** Writes the node directories and configs; starts nothing. */
        public LocalCluster create() throws IOException {
            List<InetAddress> addresses = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                addresses.add(loopback(i));
            }
            Optional<Integer> previous = restartExisting ? previousPort(addresses) : Optional.empty();
            int chosenPort = port > 0 ? port : previous.orElseGet(() -> FreePorts.pairFreeOn(addresses));
            int managerCount = managers > 0 ? Math.min(managers, size) : (size >= 3 ? 3 : 1);
            String managerList = IntStream.rangeClosed(1, managerCount)
                    .mapToObj(i -> "127.0.0." + i + ":" + chosenPort)
                    .collect(Collectors.joining(","));
            Files.createDirectories(dir);
            LocalCluster cluster = new LocalCluster(dir, size, chosenPort, sessionId,
                    new DaemonLauncher(List.copyOf(jvmOptions), List.copyOf(daemonArgs)));
            for (LocalNode node : cluster.nodes()) {
                Files.createDirectories(node.dir());
                Map<String, String> config = new LinkedHashMap<>();
                config.put("session_id", Integer.toString(sessionId));
                config.put("node_id", "auto");
                config.put("cluster_network", "127.0.0.0/8");
                config.put("bind_address", node.address());
                config.put("port", Integer.toString(chosenPort));
                config.put("managers", managerList);
                config.put("state_dir", node.stateDir().toString());
                config.put("socket", node.socket().toString());
                config.put("auto_add", Boolean.toString(autoAdd));
                config.put("heartbeat_interval", heartbeatInterval.toMillis() + "ms");
                config.put("heartbeat_timeout", heartbeatTimeout.toMillis() + "ms");
                shepherd().ifPresent(path -> config.put("shepherd_path", path.toString()));
                criu().ifPresent(path -> config.put("criu_path", path.toString()));
                // One checkpoint directory for all nodes, as a shared directory would be.
                config.put("checkpoint_dir", dir.toAbsolutePath().resolve("chkpt").toString());
                for (String line : extraLines.getOrDefault(node.index(), List.of())) {
                    int eq = line.indexOf('=');
                    String key = eq < 0 ? line.trim() : line.substring(0, eq).trim();
                    config.remove(key);
                    config.put(key, eq < 0 ? null : line.substring(eq + 1).trim());
                }
                StringBuilder text = new StringBuilder("# written by linuxssi-local for node " + node.index() + "\n");
                config.forEach((key, value) -> {
                    if (value != null) {
                        text.append(key).append(" = ").append(value).append('\n');
                    }
                });
                Files.writeString(node.config(), text.toString(), StandardCharsets.UTF_8);
            }
            Properties properties = new Properties();
            properties.setProperty("nodes", Integer.toString(size));
            properties.setProperty("port", Integer.toString(chosenPort));
            properties.setProperty("session_id", Integer.toString(sessionId));
            try (var out = Files.newOutputStream(dir.resolve("cluster.properties"))) {
                properties.store(out, "linuxssi-local cluster");
            }
            return cluster;
        }

        /**
         * The port of the cluster that {@code dir} already holds, so that its nodes start again with
         * their replicated state: a Raft member is named by its address, and a manager whose address
         * changed would find itself outside its own group. Empty for a new directory.
         */
        private Optional<Integer> previousPort(List<InetAddress> addresses) throws IOException {
            Path file = dir.resolve("cluster.properties");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Properties previous = new Properties();
            try (var in = Files.newInputStream(file)) {
                previous.load(in);
            }
            int nodes = Integer.parseInt(previous.getProperty("nodes", "0"));
            int session = Integer.parseInt(previous.getProperty("session_id", "0"));
            int previousPort = Integer.parseInt(previous.getProperty("port", "0"));
            if (nodes != size || session != sessionId) {
                throw new IOException(dir + " holds a cluster of " + nodes + " nodes of session " + session
                        + " with its replicated state: start " + nodes + " nodes of session " + session
                        + " to restart it, or remove " + dir + " for a new cluster");
            }
            if (IntStream.rangeClosed(1, size).anyMatch(i -> new LocalNode(i, dir.resolve("node" + i), null).isRunning())) {
                throw new IOException("the cluster in " + dir + " is running already (linuxssi-local status)");
            }
            if (!FreePorts.pairFree(addresses, previousPort)) {
                throw new IOException("ports " + previousPort + " and " + (previousPort + 1) + " of the cluster in "
                        + dir + " are in use by another program: its nodes cannot start again at their addresses; "
                        + "free them, or remove " + dir + " for a new cluster");
            }
            return Optional.of(previousPort);
        }

        /** Creates the cluster, starts every node and waits until all are online. */
        public LocalCluster start(Duration timeout) throws IOException, InterruptedException {
            LocalCluster cluster = create();
            try {
                cluster.startAll();
                if (autoAdd) {
                    cluster.awaitAllOnline(timeout);
                }
                return cluster;
            } catch (RuntimeException | IOException | InterruptedException e) {
                cluster.stopAll();
                throw e;
            }
        }

        /** The shepherd binary: LINUXSSI_SHEPHERD, else the one built in the source tree these classes come from. */
        private static Optional<Path> shepherd() {
            String fromEnv = System.getenv(ShepherdLocator.ENVIRONMENT);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(Path.of(fromEnv).toAbsolutePath());
            }
            return ShepherdLocator.inSourceTree(LocalCluster.class).or(() -> ShepherdLocator.inSourceTree(
                    ShepherdLocator.class));
        }

        private static InetAddress loopback(int i) {
            try {
                return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
