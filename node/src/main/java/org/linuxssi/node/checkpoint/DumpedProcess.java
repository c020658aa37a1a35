package org.linuxssi.node.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.node.agent.LocalProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a migration and a checkpoint -k both read of the process they dump, and their wait for its end. */
final class DumpedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(DumpedProcess.class);

    private DumpedProcess() {
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

    /** The restore header of a live process: who runs it, and which files its stdio are, as its images will name them. */
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
}
