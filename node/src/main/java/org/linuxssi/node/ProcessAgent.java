package org.linuxssi.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.linuxssi.node.agent.ChangeSignal;
import org.linuxssi.node.capability.LocalCapabilityTable;
import org.linuxssi.node.capability.ProcessAncestry;
import org.linuxssi.node.checkpoint.CheckpointRestart;
import org.linuxssi.node.checkpoint.CheckpointSource;
import org.linuxssi.node.checkpoint.CheckpointStore;
import org.linuxssi.node.checkpoint.CriuStatus;
import org.linuxssi.node.checkpoint.ImageScratch;
import org.linuxssi.node.checkpoint.MigrationSource;
import org.linuxssi.node.checkpoint.PageReceiver;
import org.linuxssi.node.checkpoint.ProcessRestorer;
import org.linuxssi.node.agent.ExitMonitor;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessList;
import org.linuxssi.node.agent.LocalProcessTable;
import org.linuxssi.node.agent.ProcReader;
import org.linuxssi.node.agent.ProcessLauncher;
import org.linuxssi.node.agent.Readoption;
import org.linuxssi.node.agent.ResidentSpawner;
import org.linuxssi.node.agent.RunnableProbe;
import org.linuxssi.node.agent.ShepherdLocator;
import org.linuxssi.node.agent.StateDirWatcher;
import org.linuxssi.node.agent.UserNames;
import org.linuxssi.node.config.NodeConfig;
import org.linuxssi.node.control.ControlPlane;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.MobilityAgentService;
import org.linuxssi.node.rpc.NodeAgentService;
import org.linuxssi.node.rpc.PeerChannels;
import org.linuxssi.node.space.ProcessSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-space parts of one daemon run, in start-up order: re-adopt the processes under
 * {@code state_dir/procs} (before any server answers), watch their state directories, serve
 * NodeAgent, and once the control plane runs, record exits and serve the tools.
 */
final class ProcessAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessAgent.class);

    private final int nodeId;
    private final ProcessDirectory directory = new ProcessDirectory();
    private final UserNames users = UserNames.system();
    private final StateDirWatcher watcher;
    private final ExitMonitor monitor;
    private final LocalProcessTable table;
    private final ShepherdLocator locator;
    private final ResidentSpawner spawner;
    private final ImageScratch scratch;
    private final NodeAgentService nodeAgentService;
    private final List<Thread> threads = new ArrayList<>();

    private ProcessAgent(NodeConfig config, int nodeId) throws IOException {
        this.nodeId = nodeId;
        ProcReader proc = ProcReader.system();
        table = new LocalProcessTable(config.stateDir().resolve("procs"));
        scratch = ImageScratch.of(table.procs());
        List<LocalProcess> adopted = new Readoption(table, proc).adoptAll();
        ChangeSignal statuses = new ChangeSignal();
        watcher = new StateDirWatcher(statuses::signal);
        adopted.forEach(watcher::watch);
        watcher.start();
        monitor = new ExitMonitor(nodeId, table, directory, proc, watcher, statuses);
        // Re-adopted before their start was recorded (see Readoption): announced as their records say,
        // once the control plane is connected.
        adopted.stream().filter(p -> !p.has(LocalProcess.Marker.ANNOUNCED)).forEach(monitor::announceAdopted);
        locator = ShepherdLocator.of(config.shepherdPath());
        try {
            LOG.info("processes run under {}", locator.locate());
        } catch (ShepherdLocator.ShepherdMissingException e) {
            LOG.warn("this node cannot start processes: {}", e.getMessage());
        }
        int daemonUid = proc.uid(ProcessHandle.current().pid()).orElse(-1);
        spawner = ResidentSpawner.of(locator, ProcessLauncher.SHEPHERD_START, monitor::nudge);
        spawner.start();
        ProcessLauncher launcher = new ProcessLauncher(nodeId, table, locator, spawner, daemonUid);
        nodeAgentService = NodeAgentService.of(nodeId, launcher, table, watcher, monitor,
                new LocalProcessList(nodeId, table, proc, users));
    }

    static ProcessAgent start(NodeConfig config, int nodeId) throws StartupException {
        try {
            return new ProcessAgent(config, nodeId);
        } catch (IOException e) {
            throw new StartupException("cannot re-adopt the processes under " + config.stateDir().resolve("procs")
                    + ": " + e.getMessage(), 1);
        }
    }

    /** This node's runnable LinuxSSI processes, for the heartbeat. */
    RunnableProbe runnableProbe() {
        return new RunnableProbe(table, Path.of("/proc"), System::currentTimeMillis);
    }

    NodeAgentService nodeAgentService() {
        return nodeAgentService;
    }

    /** Restores processes on this node from images (migration target, restart). */
    ProcessRestorer restorer(CriuStatus criu) {
        return new ProcessRestorer(nodeId, table, locator, criu, watcher, monitor, scratch);
    }

    /** Migration and checkpoints between daemons: this node as a source (dump, send) and as a target. */
    MobilityAgentService mobilityAgentService(CriuStatus criu, PeerChannels peers, ProcessRestorer restorer,
                                              CheckpointStore store, String host) {
        return new MobilityAgentService(new MigrationSource(nodeId, table, criu, directory, peers, scratch), restorer,
                new CheckpointSource(nodeId, table, criu, store), table, new PageReceiver(nodeId, host, criu, restorer));
    }

    /** restart on this node. */
    CheckpointRestart restarts(CheckpointStore store, ProcessRestorer restorer, PeerChannels peers) {
        return new CheckpointRestart(nodeId, store, restorer, directory, peers);
    }

    /** Starts what needs the replicated state; returns the cluster-wide side for the tools' service. */
    ProcessSpace connect(ControlPlane control, PeerChannels peers) {
        directory.connect(control);
        ProcessSpace space = new ProcessSpace(nodeId, directory, peers, users,
                new LocalCapabilityTable(ProcessAncestry.system()));
        threads.add(Thread.ofPlatform().daemon().name("exit-monitor").start(monitor::run));
        threads.add(Thread.ofPlatform().daemon().name("node-watch").start(space.nodeWatch()::run));
        return space;
    }

    @Override
    public void close() throws IOException {
        threads.forEach(Thread::interrupt);
        spawner.close();
        watcher.close();
        scratch.close();
    }
}
