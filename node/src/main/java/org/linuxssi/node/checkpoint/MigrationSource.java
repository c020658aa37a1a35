package org.linuxssi.node.checkpoint;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.MigrateLocalRequest;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.ProcessMoved;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessTable;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.linuxssi.node.rpc.PeerChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's side of one migration: dump the program with criu (which stops and then kills it),
 * stream the images to the target's daemon, and once it runs there record its new node, after which
 * the relays here end and the caller's daemon re-attaches on the target.
 */
public final class MigrationSource {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationSource.class);
    private static final long DUMP_TIMEOUT_SECONDS = 600;

    private final int nodeId;
    private final LocalProcessTable table;
    private final CriuStatus criu;
    private final ProcessDirectory directory;
    private final PeerChannels peers;

    public MigrationSource(int nodeId, LocalProcessTable table, CriuStatus criu, ProcessDirectory directory,
                           PeerChannels peers) {
        this.nodeId = nodeId;
        this.table = table;
        this.criu = criu;
        this.directory = directory;
        this.peers = peers;
    }

    public MigrateReply migrate(MigrateLocalRequest request) throws NoQuorumException {
        long gpid = request.getGpid();
        LocalProcess process = table.get(gpid).filter(LocalProcess::isRunning)
                .filter(p -> p.move() == LocalProcess.Move.NONE)
                .orElseThrow(() -> DaemonError.of(Status.Code.NOT_FOUND, "no running process " + gpid + " on node "
                        + nodeId));
        Criu binary = criu.criu().orElseThrow(() -> DaemonError.of(Status.Code.FAILED_PRECONDITION, "node " + nodeId
                + " cannot checkpoint processes: " + criu.summary()));
        if (process.record().pty()) {
            throw notMigratable(gpid, "it runs on a terminal (krgrun -t), which criu cannot move");
        }
        // Read while the program lives: which files its stdio are, as its images will name them.
        RestoreHeader.Builder header = header(process);
        Path images = imagesDir(gpid);
        try {
            process.beginMove();
            long frozen = System.nanoTime();
            Criu.Result dump = binary.run(List.of("dump", "-t", Long.toString(process.childPid()), "-D",
                    images.toString(), "--shell-job", "-o", "dump.log", "-v2"), DUMP_TIMEOUT_SECONDS);
            if (!dump.ok()) {
                process.moveAbandoned();
                throw notMigratable(gpid, "criu dump refused: " + CriuLog.firstError(images.resolve("dump.log"))
                        .orElse(dump.lastLine()));
            }
            awaitReaped(process);
            // Read once the program is gone: the new spools must be exactly as long as the old ones.
            try {
                header.setStdoutSize(Files.size(process.dir().stdout()))
                        .setStderrSize(Files.size(process.dir().stderr()));
            } catch (IOException e) {
                LOG.debug("spools of process {}: {}", gpid, e.getMessage());
            }
            long[] sent = new long[1];
            try {
                ImageSender.send(peers.mobilityAgent(request.getTargetAddress()), header.build(), images, sent);
            } catch (StatusRuntimeException | IOException e) {
                String why = "migration of process " + gpid + " to node " + request.getNodeId() + " failed: "
                        + (e instanceof StatusRuntimeException s ? s.getStatus().getDescription() : e.getMessage());
                process.moveFailed(why);
                LOG.warn(why);
                throw DaemonError.of(Status.Code.ABORTED, why + " (the process was lost)");
            }
            long freezeMs = (System.nanoTime() - frozen) / 1_000_000;
            try {
                directory.controlPlane().submit(ClusterCommand.newBuilder().setProcessMoved(ProcessMoved.newBuilder()
                        .setGpid(gpid).setNodeId(request.getNodeId())).build(), java.time.Duration.ofSeconds(6));
            } catch (CommandRefusedException e) {
                LOG.warn("process {} moved but the directory refused it: {}", gpid, e.getMessage());
            }
            process.moved(request.getNodeId());
            LOG.info("process {} migrated from node {} to node {}: frozen {} ms, {} bytes of images", gpid, nodeId,
                    request.getNodeId(), freezeMs, sent[0]);
            return MigrateReply.newBuilder().setGpid(gpid).setFromNodeId(nodeId).setToNodeId(request.getNodeId())
                    .setFreezeMs(freezeMs).setImageBytes(sent[0]).build();
        } finally {
            try {
                ProcessRestorer.deleteTree(images);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", images, e.getMessage());
            }
        }
    }

    /**
     * The target restores the same pid: it is free once the shepherd here has reaped the dumped
     * program, which the status file proves.
     */
    static void awaitReaped(LocalProcess process) {
        long seen = process.changes().version();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        try {
            while (process.exit().isEmpty() && System.nanoTime() < deadline) {
                seen = process.changes().await(seen, 50);
            }
        } catch (IOException e) {
            LOG.debug("status of process {} unreadable: {}", process.gpid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static RestoreHeader.Builder header(LocalProcess process) {
        RestoreHeader.Builder header = RestoreHeader.newBuilder()
                .setGpid(process.gpid())
                .setOriginNodeId(process.record().originNodeId())
                .setUid(process.record().uid())
                .setUser(process.record().user())
                .setCommand(process.record().command())
                .setProgram(process.record().program())
                .setStartMs(process.record().startMs());
        gid(process.childPid()).ifPresent(header::setGid);
        for (int fd = 0; fd <= 2; fd++) {
            try {
                Path target = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.childPid()), "fd",
                        Integer.toString(fd)));
                if (target.isAbsolute()) {
                    header.putInherit(fd, target.toString().substring(1));
                }
            } catch (IOException e) {
                LOG.debug("fd {} of process {}: {}", fd, process.gpid(), e.getMessage());
            }
        }
        return header;
    }

    private static Optional<Integer> gid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Gid:")) {
                    return Optional.of(Integer.parseInt(line.split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("gid of {}: {}", pid, e.toString());
        }
        return Optional.empty();
    }

    static void deleteQuietly(Path dir) {
        try {
            ProcessRestorer.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }

    private Path imagesDir(long gpid) {
        try {
            Files.createDirectories(table.procs());
            return Files.createDirectory(table.procs().resolve(".dump-" + gpid + "-" + UUID.randomUUID()),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.INTERNAL, "cannot create a directory for the images under "
                    + table.procs() + " on node " + nodeId + ": " + e.getMessage());
        }
    }

    private static StatusRuntimeException notMigratable(long gpid, String why) {
        return DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " cannot migrate: " + why);
    }
}
