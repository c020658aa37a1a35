package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.api.v1.state.ProcessExited;
import org.linuxssi.node.agent.LocalProcess.Marker;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this node's processes until their state is gone: announces each start and records each
 * exit in the replicated process directory (retrying while there is no quorum), stops a program
 * whose shepherd died, and removes a state directory once its exit was delivered, or
 * {@link #RETENTION} after the exit when no origin daemon came back for it.
 */
public final class ExitMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ExitMonitor.class);

    /** How long the spools of an undelivered exit stay for an origin daemon to re-attach. */
    public static final Duration RETENTION = Duration.ofMinutes(10);
    private static final long PERIOD_MILLIS = 1000;

    private final int nodeId;
    private final LocalProcessTable table;
    private final ProcessDirectory directory;
    private final ProcReader proc;
    private final StateDirWatcher watcher;
    private final ChangeSignal nudges;
    private final ProcessAnnouncer announcer;
    private long quorumWarnedAt;

    /** @param nudges signalled when a status file may have appeared (see {@link StateDirWatcher}) */
    public ExitMonitor(int nodeId, LocalProcessTable table, ProcessDirectory directory, ProcReader proc,
                       StateDirWatcher watcher, ChangeSignal nudges) {
        this.nodeId = nodeId;
        this.nudges = nudges;
        this.table = table;
        this.directory = directory;
        this.proc = proc;
        this.watcher = watcher;
        this.announcer = new ProcessAnnouncer(directory, nudges, this::stopRefused);
    }

    /** Puts a just-launched process in the directory as {@code entry}, in the background ({@link ProcessAnnouncer}). */
    public void announce(LocalProcess process, ProcessEntry entry) {
        announcer.announce(process, entry);
    }

    /** Announces a process re-adopted before its start was recorded: a job attempt with its job. */
    public void announceAdopted(LocalProcess process) {
        try {
            Optional<LocalProcess.JobAttempt> job = process.jobAttempt();
            if (job.isPresent()) {
                announce(process, process.record().entry().toBuilder().setDrmaaJobId(job.get().jobId())
                        .setDrmaaAttempt(job.get().attempt()).build());
                return;
            }
        } catch (IOException e) {
            LOG.warn("process {}: {}", process.gpid(), e.getMessage());
        }
        announce(process, process.record().entry());
    }

    /** Look now rather than at the next period: a process ended or was delivered. */
    public void nudge() {
        nudges.signal();
    }

    /** Runs until interrupted. */
    public void run() {
        long seen = nudges.version();
        long sweptAt = 0;
        while (!Thread.currentThread().isInterrupted()) {
            List<Ended> ended = new ArrayList<>();
            // A pass woken by an exit looks for status files only; whether the shepherds without one
            // still live (a few reads of /proc each) is asked at most once a period.
            boolean sweep = System.nanoTime() - sweptAt >= PERIOD_MILLIS * 1_000_000;
            if (sweep) {
                sweptAt = System.nanoTime();
            }
            for (LocalProcess process : table.all()) {
                try {
                    check(process, sweep).ifPresent(ended::add);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("process {}: {}", process.gpid(), e.toString());
                }
            }
            record(ended);
            try {
                seen = nudges.await(seen, PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A process whose exit is to be recorded in the directory. */
    private record Ended(LocalProcess process, ProcessExit exit) {
    }

    /**
     * What to record about {@code process} now, if anything; removes its state once it may go.
     *
     * @param sweep whether a process without a status is checked for a dead shepherd
     */
    private Optional<Ended> check(LocalProcess process, boolean sweep) throws IOException {
        if (!process.has(Marker.ANNOUNCED)) {
            announcer.retry(process);
        }
        Optional<ProcessExit> exit = process.exit();
        if (exit.isEmpty()) {
            // The shepherd writes status before it exits: dead and still no status means it was killed.
            if (!sweep || process.shepherdAlive(proc) || process.exit().isPresent()) {
                return Optional.empty();
            }
            stopUnsupervised(process);
            exit = process.exit();
        }
        if (!process.has(Marker.ANNOUNCED) || process.move() == LocalProcess.Move.MOVING) {
            return Optional.empty();
        }
        if (process.move() == LocalProcess.Move.MOVED) {
            // It runs on another node: nothing ended; the state goes once its output here was relayed.
            removeWhenDone(process, exit.get());
            return Optional.empty();
        }
        if (!process.has(Marker.EXIT_RECORDED)) {
            LaunchStages.mark("exit-found", process.gpid());
            LaunchStages.markWallClock("program-ended", process.gpid(), exit.get().getEndMs());
            return Optional.of(new Ended(process, exit.orElseThrow()));
        }
        removeWhenDone(process, exit.get());
        return Optional.empty();
    }

    /**
     * Records the exits found in one pass in one commit: a burst of short jobs costs one Raft round
     * trip per pass, not one per process.
     */
    private void record(List<Ended> ended) {
        if (ended.isEmpty()) {
            return;
        }
        try {
            directory.recordExited(ended.stream().map(e -> ProcessExited.newBuilder().setGpid(e.process().gpid())
                    .setExit(e.exit()).build()).toList());
        } catch (NoQuorumException e) {
            if (System.nanoTime() - quorumWarnedAt > Duration.ofSeconds(10).toNanos()) {
                LOG.warn("exit of {} not recorded yet: {}", ended.size() == 1 ? "process "
                        + ended.getFirst().process().gpid() : ended.size() + " processes", e.getMessage());
                quorumWarnedAt = System.nanoTime();
            }
            return;
        }
        for (Ended e : ended) {
            try {
                e.process().mark(Marker.EXIT_RECORDED);
                LaunchStages.mark("exit-recorded", e.process().gpid());
                LOG.info("process {} ended with status {}", e.process().gpid(), e.exit().getStatus());
                removeWhenDone(e.process(), e.exit());
            } catch (IOException | RuntimeException failure) {
                LOG.warn("process {}: {}", e.process().gpid(), failure.toString());
            }
        }
    }

    /**
     * Removes the state of an ended process once its exit was delivered (a DRMAA job's at once: nobody
     * reads its spools), or kept long enough.
     */
    private void removeWhenDone(LocalProcess process, ProcessExit exit) {
        if (process.has(Marker.DELIVERED) || process.has(Marker.JOB)
                || System.currentTimeMillis() - exit.getEndMs() > RETENTION.toMillis()) {
            remove(process);
        }
    }

    /**
     * A job attempt whose start the job table refused (the job was terminated or requeued meanwhile):
     * it must not run, and nobody will ask for it.
     */
    private void stopRefused(LocalProcess process, String why) {
        try {
            if (process.exit().isEmpty()) {
                GroupSignals.send(process.childPid(), 9);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("process {} was already gone: {}", process.gpid(), e.getMessage());
        }
        LOG.info("process {} stopped: {}", process.gpid(), why);
        remove(process);
    }

    private void stopUnsupervised(LocalProcess process) {
        try {
            GroupSignals.send(process.childPid(), 9);
        } catch (IOException | IllegalArgumentException e) {
            LOG.debug("process {} was already gone: {}", process.gpid(), e.getMessage());
        }
        String why = "the supervisor of process " + process.gpid() + " on node " + nodeId
                + " was killed; the program was stopped";
        LOG.warn(why);
        process.markLost(why);
    }

    /** Forgets a process and deletes its state directory. */
    public void remove(LocalProcess process) {
        watcher.forget(process);
        table.remove(process);
        try {
            deleteTree(process.dir().dir());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", process.dir().dir(), e.getMessage());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
