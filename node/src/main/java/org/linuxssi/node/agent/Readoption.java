package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.linuxssi.node.agent.LocalProcess.Marker;
import org.linuxssi.shepherd.ShepherdStateDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-adopts, when the daemon starts, every process a previous run left under {@code state_dir/procs}:
 * running ones are watched again, finished ones have their exit recorded by the {@link ExitMonitor}.
 * Launches that never got their global PID are stopped and removed.
 */
public final class Readoption {

    private static final Logger LOG = LoggerFactory.getLogger(Readoption.class);

    private final LocalProcessTable table;
    private final ProcReader proc;

    public Readoption(LocalProcessTable table, ProcReader proc) {
        this.table = table;
        this.proc = proc;
    }

    /** Adds every surviving process to the table and returns them. */
    public List<LocalProcess> adoptAll() throws IOException {
        List<LocalProcess> adopted = new ArrayList<>();
        if (!Files.isDirectory(table.procs())) {
            return adopted;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(table.procs())) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir)) {
                    try {
                        adopt(dir).ifPresent(adopted::add);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("cannot re-adopt {}: {}", dir, e.toString());
                    }
                }
            }
        }
        long running = adopted.stream().filter(LocalProcess::isRunning).count();
        if (!adopted.isEmpty()) {
            LOG.info("re-adopted {} processes ({} running, {} ended)", adopted.size(), running,
                    adopted.size() - running);
        }
        return adopted;
    }

    private Optional<LocalProcess> adopt(Path path) throws IOException {
        ShepherdStateDir dir = new ShepherdStateDir(path);
        Optional<ProcessRecord> record = ProcessRecord.read(path);
        OptionalLong shepherd = dir.readPid();
        OptionalLong child = dir.readChild();
        boolean named = path.getFileName().toString().chars().allMatch(Character::isDigit);
        if (record.isEmpty() || child.isEmpty() || shepherd.isEmpty() || !named) {
            // A launch the previous run did not finish: nobody was told about it.
            LOG.warn("removing the unfinished launch {}", path);
            child.ifPresent(pgid -> stop(dir, pgid));
            ExitMonitor.deleteTree(path);
            return Optional.empty();
        }
        LocalProcess process = new LocalProcess(record.get(), dir, shepherd.getAsLong(), child.getAsLong());
        if (process.has(Marker.JOB) && !process.has(Marker.ANNOUNCED) && process.jobAttempt().isEmpty()) {
            // Left by an older daemon, which did not say which attempt runs here: it cannot be announced
            // as the job's, and the dispatcher may launch the job again, so it must not run.
            stop(dir, child.getAsLong());
            process.mark(Marker.ANNOUNCED);
            process.mark(Marker.DELIVERED);
        } else if (process.isRunning() && !record.get().pty() && process.shepherdAlive(proc)) {
            // The stream that fed its input is gone with the old daemon: end of input, as over a dropped ssh.
            process.endInput();
        }
        if (process.has(Marker.JOB)) {
            // Nobody is to be handed a job's exit (its launch may have ended before it said so).
            process.mark(Marker.DELIVERED);
        }
        // Any other, announced or not, keeps running: its caller may have heard it started while the
        // announcement was still committing. The ExitMonitor announces it if that is still to do, a job
        // attempt with its job (refused if the job no longer waits for it: then it is stopped).
        table.add(process);
        return Optional.of(process);
    }

    private static void stop(ShepherdStateDir dir, long pgid) {
        try {
            if (dir.readStatus().isEmpty()) {
                GroupSignals.send(pgid, 9);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("process group {} already gone: {}", pgid, e.getMessage());
        }
    }
}
