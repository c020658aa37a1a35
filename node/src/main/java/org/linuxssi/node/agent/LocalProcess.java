package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.shepherd.ShepherdStateDir;
import org.linuxssi.shepherd.ShepherdStatus;

/**
 * One process this node runs, seen through its shepherd's state directory: its record, how to
 * signal it and feed it, and how it ended. Survives nothing by itself: a restarted daemon builds a
 * new one from the same directory ({@link Readoption}).
 */
public final class LocalProcess {

    /** Daemon-written marker files in the state directory, each recording one step done. */
    public enum Marker {
        /** ProcessStarted is in the replicated directory. */
        ANNOUNCED("announced"),
        /** ProcessExited is in the replicated directory. */
        EXIT_RECORDED("exit-recorded"),
        /**
         * The origin daemon acknowledged the exit: the spools are no longer needed. A DRMAA job's
         * process ({@link #JOB}) has nobody to deliver to and goes without it.
         */
        DELIVERED("delivered"),
        /**
         * An attempt of a DRMAA job ({@code JOBID ATTEMPT}), written before the launch is complete:
         * its start is recorded with the job and attempt, and a re-adopted one is announced as such.
         */
        JOB("job");

        private final String file;

        Marker(String file) {
            this.file = file;
        }
    }

    private final ProcessRecord record;
    private final ShepherdStateDir dir;
    private final long shepherdPid;
    private final long childPid;
    private final ChangeSignal changes = new ChangeSignal();
    /** Markers known to be written (their files exist). */
    private final Set<Marker> seen = ConcurrentHashMap.newKeySet();
    private volatile ProcessExit exit;
    private volatile Move move = Move.NONE;
    private volatile int movedTo;

    /** Where a migration of this process stands: while it moves, the kill that ends its dump is no exit. */
    public enum Move { NONE, MOVING, MOVED }

    public LocalProcess(ProcessRecord record, ShepherdStateDir dir, long shepherdPid, long childPid) {
        this.record = record;
        this.dir = dir;
        this.shepherdPid = shepherdPid;
        this.childPid = childPid;
    }

    public long gpid() {
        return record.gpid();
    }

    public ProcessRecord record() {
        return record;
    }

    public ShepherdStateDir dir() {
        return dir;
    }

    /** The program's pid, which is also its process group id. */
    public long childPid() {
        return childPid;
    }

    /** Signalled whenever a file of the state directory changes or the process ends. */
    public ChangeSignal changes() {
        return changes;
    }

    /** How the process ended, once the shepherd wrote its status (or the process was found lost). */
    public Optional<ProcessExit> exit() throws IOException {
        ProcessExit known = exit;
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ShepherdStatus> status;
        try {
            status = dir.readStatus();
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.status() + " is unreadable: " + e.getMessage(), e);
        }
        if (status.isEmpty()) {
            return Optional.empty();
        }
        exit = ExitReports.of(status.get(), record);
        return Optional.of(exit);
    }

    public boolean isRunning() {
        try {
            return exit().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True while the shepherd lives. The pid must still be this process's shepherd, so that a pid
     * reused by another program does not pass for it: a shepherd started by {@code --spec} names the
     * spec on its command line; one forked by the resident spawner ({@code --serve}, whose command
     * line it keeps) has this process's state directory as its working directory.
     */
    public boolean shepherdAlive(ProcReader proc) {
        List<String> args = proc.arguments(shepherdPid);
        if (args.isEmpty() || !args.get(0).endsWith(ShepherdLocator.NAME)) {
            return false;
        }
        if (args.size() == 3 && "--spec".equals(args.get(1))) {
            return Path.of(args.get(2)).equals(record.launchedSpec());
        }
        return args.size() == 2 && "--serve".equals(args.get(1))
                && proc.workingDirectory(shepherdPid).filter(cwd -> sameFile(cwd, dir.dir())).isPresent();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.equals(b) || Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Records that the process ended without a status (its shepherd died); wakes the relays. */
    public void markLost(String why) {
        if (exit == null) {
            exit = ExitReports.lost(why);
        }
        changes.signal();
    }

    /** Delivers a signal to the program's process group; refused once the program has ended. */
    public void signal(int signal) throws IOException {
        if (!isRunning()) {
            throw new IOException("no such process");
        }
        GroupSignals.send(childPid, signal);
    }

    /** Resizes the pseudo-terminal; nothing to do without one. */
    public void resize(int rows, int cols) throws IOException {
        if (record.pty() && rows > 0 && cols > 0 && isRunning()) {
            dir.command("winsize " + Math.min(rows, 65535) + " " + Math.min(cols, 65535));
        }
    }

    /** Opens the input FIFO for writing; see {@link StdinWriter}. */
    public FileChannel openStdin() throws IOException {
        return dir.openStdin();
    }

    /** Tells the shepherd that no more input comes (the program reads end of file after what was written). */
    public void endInput() throws IOException {
        if (isRunning()) {
            dir.command("stdin-eof");
        }
    }

    /** A dump starts: hold the exit back until the process is known to run elsewhere, or again here. */
    public void beginMove() {
        move = Move.MOVING;
        changes.signal();
    }

    /** The dump failed and left the program running here. */
    public void moveAbandoned() {
        move = Move.NONE;
        changes.signal();
    }

    /** The program runs on {@code nodeId} now: relays end (the origin re-attaches there), no exit is recorded. */
    public void moved(int nodeId) {
        movedTo = nodeId;
        move = Move.MOVED;
        changes.signal();
    }

    /** The program was dumped but could not be restored: it is lost, for this reason. */
    public void moveFailed(String why) {
        exit = ExitReports.lost(why);
        move = Move.NONE;
        changes.signal();
    }

    public Move move() {
        return move;
    }

    public int movedTo() {
        return movedTo;
    }

    /** The DRMAA job attempt this process runs, as its {@link Marker#JOB} says (empty when it runs none). */
    public Optional<JobAttempt> jobAttempt() throws IOException {
        Path file = dir.dir().resolve(Marker.JOB.file);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] words = Files.readString(file).trim().split(" ");
        try {
            return words.length == 2 ? Optional.of(new JobAttempt(Long.parseLong(words[0]), Integer.parseInt(words[1])))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** One attempt of a DRMAA job. */
    public record JobAttempt(long jobId, int attempt) {
    }

    /** Writes the {@link Marker#JOB} of a launch under way into its state directory. */
    static void markJob(Path stateDir, JobAttempt job) throws IOException {
        Files.writeString(stateDir.resolve(Marker.JOB.file), job.jobId() + " " + job.attempt() + "\n");
    }

    /**
     * True when the marker's file exists. A marker is never removed, so one seen once is remembered:
     * the exit monitor asks for every process at each of its passes.
     */
    public boolean has(Marker marker) {
        if (seen.contains(marker)) {
            return true;
        }
        if (!Files.exists(dir.dir().resolve(marker.file))) {
            return false;
        }
        seen.add(marker);
        return true;
    }

    public void mark(Marker marker) throws IOException {
        if (!seen.contains(marker)) {
            mark(dir.dir(), marker);
            seen.add(marker);
        }
    }

    /** Writes a marker into a state directory that is not a process's yet (a launch under way). */
    static void mark(Path stateDir, Marker marker) throws IOException {
        Path file = stateDir.resolve(marker.file);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }
}
