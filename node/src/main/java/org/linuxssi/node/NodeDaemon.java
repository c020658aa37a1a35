package org.linuxssi.node;

import io.grpc.BindableService;
import io.grpc.Server;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.HelloRequest;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.node.agent.HeartbeatSender;
import org.linuxssi.node.agent.LoadProbe;
import org.linuxssi.node.agent.UserNames;
import org.linuxssi.node.agent.ProcReader;
import org.linuxssi.node.checkpoint.CheckpointStore;
import org.linuxssi.node.checkpoint.CriuProbe;
import org.linuxssi.node.checkpoint.CriuStatus;
import org.linuxssi.node.checkpoint.ProcessRestorer;
import org.linuxssi.node.config.AddressSource;
import org.linuxssi.node.config.Cidr;
import org.linuxssi.node.config.ConfigException;
import org.linuxssi.node.config.NodeConfig;
import org.linuxssi.node.config.NodeIdentity;
import org.linuxssi.node.config.NodeIdentityResolver;
import org.linuxssi.node.control.ClusterState;
import org.linuxssi.node.control.ClusterStateMachine;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.ForeignRaftStorageException;
import org.linuxssi.node.control.HeartbeatMonitor;
import org.linuxssi.node.control.RaftGroupLayout;
import org.linuxssi.node.drmaa.DrmaaServerConfig;
import org.linuxssi.node.drmaa.DrmaaService;
import org.linuxssi.node.drmaa.JobDispatcher;
import org.linuxssi.node.drmaa.JobMailer;
import org.linuxssi.node.drmaa.JobSignals;
import org.linuxssi.node.rpc.ClusterAdminService;
import org.linuxssi.node.rpc.PeerChannels;
import org.linuxssi.node.rpc.PeerService;
import org.linuxssi.node.rpc.MobilityService;
import org.linuxssi.node.rpc.ProcessesService;
import org.linuxssi.node.space.CapabilityAccess;
import org.linuxssi.node.space.BalancerMigrations;
import org.linuxssi.node.space.CheckpointClient;
import org.linuxssi.node.space.MigrationClient;
import org.linuxssi.node.scheduler.LoadBalancer;
import org.linuxssi.node.scheduler.Scheduler;
import org.linuxssi.node.scheduler.SchedulerConfig;
import org.linuxssi.node.space.ProcessSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of linuxssid, from identity to shutdown: resolve the node id, start the control
 * plane and the servers, register, heartbeat, and stop cleanly when asked.
 */
final class NodeDaemon {

    private static final Logger LOG = LoggerFactory.getLogger(NodeDaemon.class);

    private final NodeConfig config;
    private final Path cmdline;
    private final Lifecycle lifecycle = new Lifecycle();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    private final Path schedulerConfig;

    NodeDaemon(NodeConfig config, Path cmdline, Path schedulerConfig) {
        this.config = config;
        this.cmdline = cmdline;
        this.schedulerConfig = schedulerConfig;
    }

    private volatile Thread resolving;

    /** Asks a running daemon to stop as on poweroff (SIGTERM), and waits up to {@code timeout} for it. */
    void stopAndWait(java.time.Duration timeout) throws InterruptedException {
        lifecycle.request(PowerAction.POWEROFF);
        Thread waitingForAddress = resolving;
        if (waitingForAddress != null) {
            waitingForAddress.interrupt();
        }
        stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs until poweroff or reboot is requested, and returns which. */
    PowerAction run() throws StartupException, InterruptedException {
        try {
            return runUntilStopped();
        } finally {
            stopped.countDown();
        }
    }

    private PowerAction runUntilStopped() throws StartupException, InterruptedException {
        NodeIdentity identity;
        resolving = Thread.currentThread();
        try {
            identity = new NodeIdentityResolver(config, cmdline, AddressSource.system()).resolve();
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), 2);
        } finally {
            resolving = null;
        }
        if (lifecycle.isRequested()) {
            return lifecycle.await();
        }
        String host = identity.address().getHostAddress();
        String address = host + ":" + config.port();
        LOG.info("node {} (from {}) of session {} at {}", identity.nodeId(), identity.source(), config.sessionId(),
                address);
        refuseSecondDaemonOnSocket();

        Scheduler scheduler = new Scheduler(readSchedulerConfig());
        DrmaaServerConfig drmaaConfig = readDrmaaConfig();
        CriuStatus criu = CriuProbe.probe(config.criuPath(), System.getenv("PATH"));
        LOG.info("checkpoint/restart: {}", criu.summary());
        ProcessAgent agent = ProcessAgent.start(config, identity.nodeId());
        ClusterState state = new ClusterState(config.heartbeatTimeout().toMillis());
        HeartbeatMonitor monitor = new HeartbeatMonitor(state, config.heartbeatTimeout());
        RaftGroupLayout layout = RaftGroupLayout.of(config.sessionId(), config.managers(), host, config.port());
        List<AutoCloseable> open = new java.util.ArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        open.add(agent);
        try {
            PeerChannels peers = new PeerChannels();
            open.add(peers);
            CheckpointStore checkpoints = new CheckpointStore(config.checkpointDir());
            ProcessRestorer restorer = agent.restorer(criu);
            Server tcp = startTcp(identity, address, List.of(new PeerService(config.sessionId(), identity.nodeId(),
                    lifecycle, scheduler, state, monitor::isLeader), agent.nodeAgentService(),
                    agent.mobilityAgentService(criu, peers, restorer, checkpoints, host)));
            open.add(() -> stop(tcp));
            JobSignals jobSignals = new JobSignals(peers);
            state.jobs().onJobEnd(new JobMailer(drmaaConfig.mailCommand(), monitor::isLeader)::jobEnded);
            JobDispatcher dispatcher = new JobDispatcher(identity.nodeId(), state, scheduler, peers, jobSignals,
                    monitor::isLeader);
            ControlPlane control = startControlPlane(layout, host, state, monitor, dispatcher);
            open.add(control);
            ProcessSpace space = agent.connect(control, peers);
            ClusterAdminService admin = new ClusterAdminService(config.sessionId(), identity.nodeId(),
                    config.clusterNetwork().map(Cidr::toString).orElse(""), control, peers, lifecycle, scheduler);
            Server unix = GrpcEndpoints.unixServer(config.socket(), Component.daemon(), identity::nodeId,
                    List.of(admin, new ProcessesService(space),
                            new DrmaaService(control, drmaaConfig, jobSignals, UserNames.system()),
                            new MobilityService(new CapabilityAccess(space, ProcReader.system()),
                                    new MigrationClient(space), new CheckpointClient(space),
                                    agent.restarts(checkpoints, restorer, peers))));
            open.add(() -> {
                stop(unix);
                Files.deleteIfExists(config.socket());
            });
            // Closed first: streams cut by the shutdown are not callers going away.
            open.add(space::stop);

            boolean joined = layout.isManager() || ManagerHandshake.await(peers, layout.managers(),
                    HelloRequest.newBuilder().setSessionId(config.sessionId()).setNodeId(identity.nodeId())
                            .setAddress(address).build(), lifecycle::isRequested);
            HeartbeatSender heartbeats = new HeartbeatSender(control, LoadProbe.system(criu.summary(), agent.runnableProbe()), identity.nodeId(), address,
                    config.autoAdd(), config.heartbeatInterval());
            try {
                joined = joined && heartbeats.register(lifecycle::isRequested);
            } catch (CommandRefusedException e) {
                throw new StartupException(e.getMessage(), 1);
            }
            if (!joined) {
                PowerAction early = lifecycle.await();
                LOG.info("stopping ({}) before this node joined", early.name().toLowerCase());
                return early;
            }
            threads.add(Thread.ofPlatform().daemon().name("heartbeat").start(heartbeats::run));
            threads.add(Thread.ofPlatform().daemon().name("heartbeat-monitor").start(() -> monitor.run(control)));
            threads.add(Thread.ofPlatform().daemon().name("job-dispatcher").start(() -> dispatcher.run(control)));
            LoadBalancer balancer = new LoadBalancer(scheduler, state::snapshot, new BalancerMigrations(space));
            threads.add(Thread.ofPlatform().daemon().name("load-balancer").start(() -> balancer.run(monitor::isLeader)));
            LOG.info("linuxssid ready: node {}, tools socket {}", identity.nodeId(), config.socket());
            PowerAction action = lifecycle.await();
            LOG.info("stopping ({})", action.name().toLowerCase());
            return action;
        } catch (IOException e) {
            throw new StartupException("cannot start: " + e.getMessage(), 1);
        } finally {
            threads.forEach(Thread::interrupt);
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    LOG.warn("while stopping: {}", e.toString());
                }
            }
            LOG.info("linuxssid stopped");
        }
    }

    /** scheduler.conf sits beside node.conf; without one every scheduler default applies. */
    private SchedulerConfig readSchedulerConfig() throws StartupException {
        try {
            return SchedulerConfig.read(schedulerConfig);
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), 2);
        }
    }

    /** Where krg-drmaa-server.conf is looked for: beside node.conf (and scheduler.conf), then XtreemOS's place. */
    static List<Path> drmaaConfigPlaces(Path schedulerConfig) {
        return List.of(schedulerConfig.resolveSibling(DrmaaServerConfig.FILE),
                DrmaaServerConfig.XTREEMOS_DIR.resolve(DrmaaServerConfig.FILE));
    }

    /** krg-drmaa-server.conf beside node.conf, else in XtreemOS's place; without one, jobs default to home. */
    private DrmaaServerConfig readDrmaaConfig() throws StartupException {
        try {
            return DrmaaServerConfig.read(drmaaConfigPlaces(schedulerConfig));
        } catch (ConfigException e) {
            throw new StartupException(e.getMessage(), 2);
        }
    }

    private ControlPlane startControlPlane(RaftGroupLayout layout, String host, ClusterState state,
                                           HeartbeatMonitor monitor, JobDispatcher dispatcher)
            throws StartupException {
        ClusterStateMachine machine = new ClusterStateMachine(state, command -> {
            monitor.onApplied(command);
            dispatcher.onApplied(command);
        }, monitor::onLeadership);
        try {
            // Heartbeats commit every interval; three missed in a row (at least 3 s) mean no quorum.
            java.time.Duration freshness = config.heartbeatInterval().multipliedBy(3);
            if (freshness.compareTo(java.time.Duration.ofSeconds(3)) < 0) {
                freshness = java.time.Duration.ofSeconds(3);
            }
            return ControlPlane.start(layout, host, config.stateDir(), config.snapshotEvery(), freshness, machine);
        } catch (ForeignRaftStorageException e) {
            throw new StartupException(e.getMessage(), 1);
        } catch (IOException e) {
            throw new StartupException("cannot start the Raft manager on " + host + ":" + config.raftPort() + ": "
                    + e.getMessage() + " (is another linuxssid using that port or " + config.stateDir() + "?)", 1);
        }
    }

    private Server startTcp(NodeIdentity identity, String address, List<BindableService> services)
            throws StartupException {
        try {
            return GrpcEndpoints.tcpServer(new InetSocketAddress(identity.address(), config.port()),
                    Component.daemon(), identity::nodeId, services);
        } catch (IOException e) {
            String reason = e instanceof BindException || (e.getCause() instanceof BindException)
                    || String.valueOf(e.getMessage()).contains("in use") ? "address already in use" : e.getMessage();
            throw new StartupException("cannot listen on " + address + ": " + reason
                    + " (is another linuxssid running there?)", 1);
        }
    }

    private void refuseSecondDaemonOnSocket() throws StartupException {
        Path socket = config.socket();
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return;
        }
        throw new StartupException("another linuxssid is already serving " + socket
                + " (stop it first, or set socket in node.conf)", 1);
    }

    private static void stop(Server server) throws InterruptedException {
        server.shutdown();
        if (!server.awaitTermination(3, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
    }
}
