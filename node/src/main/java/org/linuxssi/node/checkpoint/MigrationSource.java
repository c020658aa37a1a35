package org.linuxssi.node.checkpoint;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.MigrateLocalRequest;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.PagesReply;
import org.linuxssi.api.v1.PagesRequest;
import org.linuxssi.api.v1.RestoreHeader;
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
    private static final long PREPARE_TIMEOUT_SECONDS = 90;
    private static final long PAGE = 4096;

    private final int nodeId;
    private final LocalProcessTable table;
    private final CriuStatus criu;
    private final ProcessDirectory directory;
    private final PeerChannels peers;
    private final ImageScratch scratch;

    public MigrationSource(int nodeId, LocalProcessTable table, CriuStatus criu, ProcessDirectory directory,
                           PeerChannels peers, ImageScratch scratch) {
        this.nodeId = nodeId;
        this.table = table;
        this.criu = criu;
        this.directory = directory;
        this.peers = peers;
        this.scratch = scratch;
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
        RestoreHeader.Builder header = DumpedProcess.header(process);
        Path images = imagesDir(gpid);
        try {
            long start = System.nanoTime();
            // The target's page server starts while the program still runs; the dump then streams the
            // pages straight into the target's images folder as it reads them.
            PagesReply pages = preparePages(request);
            long prepared = System.nanoTime();
            process.beginMove();
            Criu.Result dump = binary.run(List.of("dump", "-t", Long.toString(process.childPid()), "-D",
                    images.toString(), "--shell-job", "-o", "dump.log", "-v2", "--page-server", "--address",
                    pages.getAddress(), "--port", Integer.toString(pages.getPort())), DUMP_TIMEOUT_SECONDS);
            long dumped = System.nanoTime();
            if (!dump.ok()) {
                process.moveAbandoned();
                releasePages(request, pages);
                throw notMigratable(gpid, "criu dump refused: " + CriuLog.firstError(images.resolve("dump.log"))
                        .orElse(dump.lastLine()));
            }
            header.setPagesToken(pages.getToken());
            // criu's own clock says when the program stopped; without it, count criu's whole run.
            Optional<CriuDumpStats> stats = CriuDumpStats.read(images);
            long stopped = stats.map(st -> Math.max(prepared, dumped - st.stoppedUs() * 1000)).orElse(prepared);
            DumpedProcess.awaitReaped(process);
            long reaped = System.nanoTime();
            // Read once the program is gone: the new spools must be exactly as long as the old ones.
            try {
                header.setStdoutSize(Files.size(process.dir().stdout()))
                        .setStderrSize(Files.size(process.dir().stderr()));
            } catch (IOException e) {
                LOG.debug("spools of process {}: {}", gpid, e.getMessage());
            }
            ImageSender.Sent sent;
            try {
                sent = ImageSender.send(peers.mobilityAgent(request.getTargetAddress()), header.build(), images);
            } catch (StatusRuntimeException | IOException e) {
                String why = "migration of process " + gpid + " to node " + request.getNodeId() + " failed: "
                        + (e instanceof StatusRuntimeException s ? s.getStatus().getDescription() : e.getMessage());
                process.moveFailed(why);
                LOG.warn(why);
                throw DaemonError.of(Status.Code.ABORTED, why + " (the process was lost)");
            }
            long running = System.nanoTime();
            long freezeMs = (running - stopped) / 1_000_000;
            long totalMs = (running - start) / 1_000_000;
            long pageBytes = stats.map(st -> st.pagesWritten() * PAGE).orElse(0L);
            LOG.info("process {} to node {}: page server there {} ms, criu dump {} ms (program stopped for the last {} "
                    + "ms of it, {} bytes of pages, criu reading and sending them {} ms), reaped +{} ms, {} bytes of other images sent "
                    + "+{} ms, restored +{} ms (criu restore under the shepherd there {} ms)", gpid, request.getNodeId(),
                    ms(prepared - start), ms(dumped - prepared), ms(dumped - stopped), pageBytes,
                    stats.map(st -> Long.toString((st.memdumpUs() + st.memwriteUs()) / 1000)).orElse("?"),
                    ms(reaped - dumped), sent.bytes(), ms(sent.sentAt() - reaped), ms(running - sent.sentAt()),
                    sent.reply().getRestoreMs());
            // The program runs again: the directory and the relays follow, outside the freeze.
            try {
                directory.recordMoved(gpid, request.getNodeId());
            } catch (CommandRefusedException e) {
                LOG.warn("process {} moved but the directory refused it: {}", gpid, e.getMessage());
            }
            process.moved(request.getNodeId());
            LOG.info("process {} migrated from node {} to node {}: frozen {} ms of {} ms, {} bytes of images, "
                    + "directory +{} ms", gpid, nodeId, request.getNodeId(), freezeMs, totalMs, sent.bytes() + pageBytes,
                    ms(System.nanoTime() - running));
            return MigrateReply.newBuilder().setGpid(gpid).setFromNodeId(nodeId).setToNodeId(request.getNodeId())
                    .setFreezeMs(freezeMs).setTotalMs(totalMs).setImageBytes(sent.bytes() + pageBytes).build();
        } finally {
            FolderTrees.deleteQuietly(images);
        }
    }

    private PagesReply preparePages(MigrateLocalRequest request) {
        try {
            return MobilityAgentGrpc.newBlockingStub(peers.mobilityAgent(request.getTargetAddress()).getChannel())
                    .withDeadlineAfter(PREPARE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .preparePages(PagesRequest.newBuilder().setGpid(request.getGpid()).build());
        } catch (StatusRuntimeException e) {
            String why = DaemonError.isFromDaemon(e.getStatus(), e.getTrailers()) ? e.getStatus().getDescription()
                    : "node " + request.getNodeId() + " did not answer (" + e.getStatus().getCode() + ")";
            throw DaemonError.of(Status.Code.UNAVAILABLE, "process " + request.getGpid() + " was not migrated: "
                    + why);
        }
    }

    private void releasePages(MigrateLocalRequest request, PagesReply pages) {
        try {
            MobilityAgentGrpc.newBlockingStub(peers.mobilityAgent(request.getTargetAddress()).getChannel())
                    .withDeadlineAfter(PREPARE_TIMEOUT_SECONDS, TimeUnit.SECONDS).releasePages(pages);
        } catch (StatusRuntimeException e) {
            LOG.warn("node {} keeps the unused pages folder {} until it expires: {}", request.getNodeId(),
                    pages.getToken(), e.getStatus());
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private Path imagesDir(long gpid) {
        try {
            return scratch.newFolder("dump-" + gpid);
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.INTERNAL, "cannot create a folder for the images of process " + gpid
                    + " on node " + nodeId + ": " + e.getMessage());
        }
    }

    private static StatusRuntimeException notMigratable(long gpid, String why) {
        return DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " cannot migrate: " + why);
    }
}
