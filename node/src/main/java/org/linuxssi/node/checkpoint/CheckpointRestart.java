package org.linuxssi.node.checkpoint;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.ProcessMoved;
import org.linuxssi.api.v1.RestartReply;
import org.linuxssi.api.v1.RestartRequest;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.LaunchRefusedException;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.PeerChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * restart, on the node it is typed on: restores a saved version of an application here, with its
 * global PID; the directory then names this node, and the node it was stopped on ends its relays,
 * so a krgrun still waiting re-attaches here and reads on from where the checkpoint was taken.
 */
public final class CheckpointRestart {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRestart.class);
    private static final int SIGCONT = 18;

    private final int nodeId;
    private final CheckpointStore store;
    private final ProcessRestorer restorer;
    private final ProcessDirectory directory;
    private final PeerChannels peers;

    public CheckpointRestart(int nodeId, CheckpointStore store, ProcessRestorer restorer, ProcessDirectory directory,
                             PeerChannels peers) {
        this.nodeId = nodeId;
        this.store = store;
        this.restorer = restorer;
        this.directory = directory;
        this.peers = peers;
    }

    public RestartReply restart(RestartRequest request, boolean frozen, CallerCredentials caller)
            throws NoQuorumException {
        long appId = request.getAppId();
        Path version = store.version(appId, request.getVersion());
        if (!Files.isRegularFile(version.resolve(CheckpointStore.HEADER))) {
            throw DaemonError.of(Status.Code.NOT_FOUND, "application " + appId + " has no version "
                    + request.getVersion() + " in " + store.root() + " (" + versions(appId) + ")");
        }
        RestoreHeader header;
        try {
            header = CheckpointStore.header(version);
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "version " + request.getVersion()
                    + " of application " + appId + " is unreadable: " + e.getMessage());
        }
        if (!caller.isRoot() && caller.uid() != header.getUid()) {
            throw DaemonError.of(Status.Code.PERMISSION_DENIED, "application " + appId + " belongs to "
                    + header.getUser() + ": only its owner or root may restart it");
        }
        ClusterSnapshot state = directory.read();
        Optional<ProcessEntry> entry = ProcessDirectory.entry(state, appId).filter(e -> !e.getExited());
        LocalProcess process;
        try {
            Path dir = restorer.newStateDir();
            try (Stream<Path> files = Files.list(version)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, restorer.images(dir).resolve(file.getFileName()));
                }
            }
            process = restorer.restore(dir, header);
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.INTERNAL, "cannot copy version " + request.getVersion()
                    + " of application " + appId + ": " + e.getMessage());
        } catch (LaunchRefusedException e) {
            String hint = entry.isPresent() ? " (is it still running? 'checkpoint -k' saves and stops it)" : "";
            throw DaemonError.of(e.code(), e.getMessage() + hint);
        }
        if (!frozen) {
            try {
                process.signal(SIGCONT);
            } catch (IOException e) {
                LOG.debug("restarted application {} already ended: {}", appId, e.getMessage());
            }
        }
        try {
            if (entry.isPresent()) {
                directory.recordMoved(appId, nodeId);
            } else {
                directory.recordStarted(process.record().entry());
            }
        } catch (CommandRefusedException e) {
            LOG.warn("application {} restarted but the directory refused it: {}", appId, e.getMessage());
        }
        entry.filter(e -> e.getNodeId() != nodeId).ifPresent(e -> tellFormerNode(state, e));
        LOG.info("application {} restarted from version {} on node {}", appId, request.getVersion(), nodeId);
        return RestartReply.newBuilder().setGpid(appId).setNodeId(nodeId).build();
    }

    /** The node the application was stopped on holds its exit back; now it may end its relays. */
    private void tellFormerNode(ClusterSnapshot state, ProcessEntry entry) {
        Optional<NodeInfo> former = ProcessDirectory.node(state, entry.getNodeId());
        if (former.isEmpty()) {
            return;
        }
        try {
            MobilityAgentGrpc.newBlockingStub(peers.mobilityAgent(former.get().getAddress()).getChannel())
                    .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                    .movedAway(ProcessMoved.newBuilder().setGpid(entry.getGpid()).setNodeId(nodeId).build());
        } catch (StatusRuntimeException e) {
            LOG.warn("node {} was not told that application {} runs on node {} now: {}", entry.getNodeId(),
                    entry.getGpid(), nodeId, e.getStatus());
        }
    }

    private String versions(long appId) {
        Path app = store.root().resolve(Long.toString(appId));
        if (!Files.isDirectory(app)) {
            return "it has no checkpoint";
        }
        try (Stream<Path> list = Files.list(app)) {
            List<String> names = list.map(p -> p.getFileName().toString()).filter(n -> n.matches("v[0-9]+")).sorted()
                    .toList();
            return names.isEmpty() ? "it has no checkpoint" : "versions: " + String.join(", ", names);
        } catch (IOException e) {
            return "its versions are unreadable: " + e.getMessage();
        }
    }
}
