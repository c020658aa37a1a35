package org.linuxssi.node.checkpoint;

import io.grpc.Status;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.node.agent.ExitMonitor;
import org.linuxssi.node.agent.LaunchRefusedException;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessTable;
import org.linuxssi.node.agent.ProcessRecord;
import org.linuxssi.node.agent.ShepherdLocator;
import org.linuxssi.node.agent.StateDirWatcher;
import org.linuxssi.shepherd.ShepherdLaunchException;
import org.linuxssi.shepherd.ShepherdLauncher;
import org.linuxssi.shepherd.ShepherdSpec;
import org.linuxssi.shepherd.ShepherdStateDir;
import org.linuxssi.shepherd.Stdio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a process on this node from CRIU images under a shepherd in restore mode: a fresh state
 * directory whose spools start as long as the output already relayed (so a re-attach at the
 * caller's offsets continues exactly), criu restoring the program as the shepherd's child with its
 * stdio on those spools and the input FIFO, then the directory named by the process's global PID.
 */
public final class ProcessRestorer {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRestorer.class);
    /** Restoring a gigabyte takes seconds; the launcher answers once the program runs. */
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(10);
    private static final String RESTORE_PREFIX = "restore";

    private final int nodeId;
    private final LocalProcessTable table;
    private final ShepherdLocator locator;
    private final CriuStatus criu;
    private final StateDirWatcher watcher;
    private final ExitMonitor monitor;
    private final ImageScratch scratch;

    public ProcessRestorer(int nodeId, LocalProcessTable table, ShepherdLocator locator, CriuStatus criu,
                           StateDirWatcher watcher, ExitMonitor monitor, ImageScratch scratch) {
        this.nodeId = nodeId;
        this.table = table;
        this.locator = locator;
        this.criu = criu;
        this.watcher = watcher;
        this.monitor = monitor;
        this.scratch = scratch;
    }

    public CriuStatus criu() {
        return criu;
    }

    /**
     * A fresh state directory for one incoming process, with a folder for its images in the scratch
     * ({@link #images}); both go if the restore fails, the images also once it runs.
     */
    public Path newStateDir() throws IOException {
        Files.createDirectories(table.procs());
        Path images = scratch.newFolder(RESTORE_PREFIX);
        Path dir = table.procs().resolve("." + images.getFileName());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return dir;
    }

    /** Where the images of the process restored into {@code dir} (from {@link #newStateDir}) go. */
    public Path images(Path dir) {
        return scratch.folder(dir.getFileName().toString().substring(1));
    }

    /** Restores the process whose images are in {@link #images}; the directory is gone on failure. */
    public LocalProcess restore(Path dir, RestoreHeader header) throws LaunchRefusedException {
        try {
            return restoreIn(dir, header);
        } catch (LaunchRefusedException e) {
            discard(dir);
            throw e;
        } finally {
            FolderTrees.deleteQuietly(images(dir));
        }
    }

    /** Removes the state directory and the images of a process that will not be restored. */
    public void discard(Path dir) {
        FolderTrees.deleteQuietly(images(dir));
        FolderTrees.deleteQuietly(dir);
    }

    private LocalProcess restoreIn(Path dir, RestoreHeader header) throws LaunchRefusedException {
        Criu binary = criu.criu().orElseThrow(() -> refused(Status.Code.FAILED_PRECONDITION, "node " + nodeId
                + " cannot restore processes: " + criu.summary()));
        Path shepherd;
        try {
            shepherd = locator.locate();
        } catch (ShepherdLocator.ShepherdMissingException e) {
            throw refused(Status.Code.FAILED_PRECONDITION, "cannot restore processes on node " + nodeId + ": "
                    + e.getMessage());
        }
        try {
            presize(dir.resolve("stdout"), header.getStdoutSize());
            presize(dir.resolve("stderr"), header.getStderrSize());
        } catch (IOException e) {
            throw refused(Status.Code.INTERNAL, "cannot prepare the spools in " + dir + ": " + e.getMessage());
        }
        Map<Integer, String> inherit = new TreeMap<>();
        header.getInheritMap().forEach((fd, key) -> inherit.put(fd, key));
        ShepherdSpec spec = ShepherdSpec.builder(dir, Path.of("/"), List.of(header.getProgram().isEmpty()
                        ? "restored" : header.getProgram()))
                .identity(header.getUid(), header.getGid(), List.of())
                .stdin(Stdio.fifo()).stdout(Stdio.spool()).stderr(Stdio.spool())
                .restore(images(dir), binary.binary(), inherit)
                .build();
        ShepherdLauncher.Launched launched;
        try {
            launched = new ShepherdLauncher(shepherd, RESTORE_TIMEOUT).launch(spec);
        } catch (ShepherdLaunchException e) {
            throw refused(Status.Code.FAILED_PRECONDITION, "criu could not restore process " + header.getGpid()
                    + " on node " + nodeId + ": " + CriuLog.firstError(dir.resolve("restore.log"))
                    .orElse(e.getMessage()));
        } catch (IOException | IllegalArgumentException e) {
            throw refused(Status.Code.INTERNAL, "cannot restore process " + header.getGpid() + " on node " + nodeId
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused(Status.Code.UNAVAILABLE, "linuxssid on node " + nodeId + " is stopping");
        }
        ProcessRecord record = new ProcessRecord(header.getGpid(), nodeId, header.getOriginNodeId(), header.getUid(),
                header.getUser(), header.getCommand(), header.getProgram(), "/", header.getStartMs(), false,
                launched.stateDir().spec());
        try {
            record.write(dir);
            Optional<LocalProcess> earlier = table.get(header.getGpid());
            // The process lived here before and moved away, or was stopped here by checkpoint -k: that old
            // state is done with, and its relays end so the caller's daemon re-attaches to this one.
            earlier.ifPresent(old -> {
                old.moved(nodeId);
                monitor.remove(old);
            });
            Path target = table.dirOf(header.getGpid());
            if (Files.exists(target)) {
                LOG.warn("replacing the stale state of an earlier process {}", header.getGpid());
                FolderTrees.delete(target);
            }
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            LocalProcess process = new LocalProcess(record, new ShepherdStateDir(target), launched.shepherdPid(),
                    launched.childPid());
            process.mark(LocalProcess.Marker.ANNOUNCED);
            table.add(process);
            watcher.watch(process);
            LOG.info("process {} restored on node {} as local pid {}", header.getGpid(), nodeId, launched.childPid());
            return process;
        } catch (IOException e) {
            throw refused(Status.Code.INTERNAL, "cannot keep the state of restored process " + header.getGpid()
                    + " on node " + nodeId + ": " + e.getMessage());
        }
    }

    /** A sparse file as long as the output already written: the restored program appends after it. */
    private static void presize(Path spool, long size) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(spool.toFile(), "rw")) {
            file.setLength(size);
        }
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rw-------"));
    }

    private static LaunchRefusedException refused(Status.Code code, String message) {
        return new LaunchRefusedException(code, message);
    }
}
