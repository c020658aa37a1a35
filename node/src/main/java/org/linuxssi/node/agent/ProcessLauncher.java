package org.linuxssi.node.agent;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.linuxssi.api.v1.DetachedLaunch;
import org.linuxssi.api.v1.ProcessSpec;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.node.agent.ShepherdLocator.ShepherdMissingException;
import org.linuxssi.shepherd.ShepherdLaunchException;
import org.linuxssi.shepherd.ShepherdLauncher;
import org.linuxssi.shepherd.ShepherdSpec;
import org.linuxssi.shepherd.ShepherdStarter;
import org.linuxssi.shepherd.ShepherdStateDir;
import org.linuxssi.shepherd.Stdio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a program on this node under a shepherd: checks the request, writes the spec (identity,
 * cwd, environment, argv, spools, input FIFO or terminal), starts the shepherd in a fresh state
 * directory, and renames that directory to the global PID once the program's pid is known. A
 * detached launch (a DRMAA job) has its stdio in the user's files and is claimed once per attempt.
 */
public final class ProcessLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessLauncher.class);
    /** How long a shepherd may take to fork its program. */
    public static final Duration SHEPHERD_START = Duration.ofSeconds(30);
    private static final Duration CLAIM_PRUNE_EVERY = Duration.ofMinutes(1);
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final int nodeId;
    private final LocalProcessTable table;
    private final ShepherdLocator locator;
    private final ShepherdStarter shepherds;
    private final int daemonUid;
    private final String launcherId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong launches = new AtomicLong();
    private long claimsPrunedAt;

    /**
     * @param shepherds how shepherds start (the resident spawner, see {@link ResidentSpawner})
     * @param daemonUid the uid this daemon runs as: only root can start programs for other users
     */
    public ProcessLauncher(int nodeId, LocalProcessTable table, ShepherdLocator locator, ShepherdStarter shepherds,
                           int daemonUid) {
        this.nodeId = nodeId;
        this.table = table;
        this.locator = locator;
        this.shepherds = shepherds;
        this.daemonUid = daemonUid;
    }

    /**
     * Starts the program of {@code request} (whose identity the origin daemon filled in) and adds it
     * to the table. The program may already have ended when this returns.
     */
    public LocalProcess launch(RunRequest request) throws LaunchRefusedException {
        ProcessSpec spec = request.getSpec();
        if (request.getGpid() != 0) {
            throw refused(Status.Code.INVALID_ARGUMENT, "gpid " + request.getGpid() + " is set: keeping a global "
                    + "PID belongs to restart, which starts processes from checkpoints, not to a launch");
        }
        if (spec.getArgvCount() == 0 || spec.getArgv(0).isEmpty()) {
            throw refused(Status.Code.INVALID_ARGUMENT, "argv is empty: give the program to run");
        }
        Path cwd = cwd(spec.getCwd());
        Map<String, String> environment = environment(spec);
        if (daemonUid != 0 && spec.getUid() != daemonUid) {
            throw refused(Status.Code.FAILED_PRECONDITION, "linuxssid on node " + nodeId + " runs as uid "
                    + daemonUid + " and can start programs only as that user, not as " + spec.getUser() + " (uid "
                    + spec.getUid() + "); run linuxssid as root");
        }
        try {
            locator.locate();
        } catch (ShepherdMissingException e) {
            throw refused(Status.Code.FAILED_PRECONDITION, "cannot start processes on node " + nodeId + ": "
                    + e.getMessage());
        }
        if (request.hasDetached()) {
            checkDetached(request.getDetached());
            claim(request.getDetached());
        }
        Path launchDir;
        try {
            launchDir = newLaunchDir();
        } catch (LaunchRefusedException e) {
            release(request);
            throw e;
        }
        ShepherdSpec.Builder shepherdSpec = ShepherdSpec.builder(launchDir, cwd, spec.getArgvList())
                .environment(environment);
        if (daemonUid == 0) {
            shepherdSpec.identity(spec.getUid(), spec.getGid(), spec.getGroupsList());
        }
        if (request.hasDetached()) {
            detachedStdio(shepherdSpec, request.getDetached());
        } else if (spec.getPty()) {
            int rows = spec.getWindow().getRows() > 0 ? Math.min(spec.getWindow().getRows(), 65535) : 24;
            int cols = spec.getWindow().getCols() > 0 ? Math.min(spec.getWindow().getCols(), 65535) : 80;
            shepherdSpec.terminal(rows, cols);
        } else {
            shepherdSpec.stdin(Stdio.fifo()).stdout(Stdio.spool()).stderr(Stdio.spool());
        }
        // Before the shepherd runs: a program can end before the launch returns, never before it began.
        long startMs = System.currentTimeMillis();
        ShepherdLauncher.Launched launched;
        try {
            long job = request.hasDetached() ? request.getDetached().getJobId() : 0;
            LaunchStages.mark(job == 0 ? "shepherd-asked" : "job-shepherd-asked", job);
            launched = shepherds.launch(shepherdSpec.build());
            LaunchStages.mark(job == 0 ? "shepherd-answered" : "job-shepherd-answered", job);
        } catch (ShepherdLaunchException e) {
            discard(launchDir);
            release(request);
            throw refused(Status.Code.INTERNAL, "the shepherd on node " + nodeId + " did not start '"
                    + spec.getArgv(0) + "': " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            discard(launchDir);
            release(request);
            throw refused(Status.Code.INTERNAL, "cannot start '" + spec.getArgv(0) + "' on node " + nodeId + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(launchDir);
            release(request);
            throw refused(Status.Code.UNAVAILABLE, "linuxssid on node " + nodeId + " is stopping");
        }
        long gpid = GlobalPid.of(nodeId, launched.childPid());
        int origin = request.getOriginNodeId() > 0 ? request.getOriginNodeId() : nodeId;
        ProcessRecord record = new ProcessRecord(gpid, nodeId, origin, spec.getUid(), spec.getUser(),
                String.join(" ", spec.getArgvList()), spec.getArgv(0), cwd.toString(), startMs,
                spec.getPty(), launched.stateDir().spec());
        try {
            record.write(launchDir);
            if (request.hasDetached()) {
                LocalProcess.markJob(launchDir, new LocalProcess.JobAttempt(request.getDetached().getJobId(),
                        request.getDetached().getAttempt()));
            }
            Path dir = table.dirOf(gpid);
            if (Files.exists(dir)) {
                LOG.warn("replacing the stale state of an earlier process {} (its pid was reused)", gpid);
                ExitMonitor.deleteTree(dir);
            }
            Files.move(launchDir, dir, StandardCopyOption.ATOMIC_MOVE);
            LocalProcess process = new LocalProcess(record, new ShepherdStateDir(dir), launched.shepherdPid(),
                    launched.childPid());
            table.add(process);
            LaunchStages.mark("launched", gpid);
            return process;
        } catch (IOException e) {
            kill(launched.childPid());
            discard(launchDir);
            throw refused(Status.Code.INTERNAL, "cannot keep the state of process " + gpid + " on node " + nodeId
                    + ": " + e.getMessage());
        }
    }

    /** Where the job attempts launched here are remembered: a second launch of one attempt is refused. */
    private Path jobClaims() {
        return table.procs().resolveSibling("jobs");
    }

    private void claim(DetachedLaunch job) throws LaunchRefusedException {
        pruneClaims();
        try {
            Files.createDirectories(jobClaims());
            Files.createFile(jobClaims().resolve(job.getJobId() + "-" + job.getAttempt()));
        } catch (FileAlreadyExistsException e) {
            throw refused(Status.Code.ALREADY_EXISTS, "job " + job.getJobId() + " attempt " + job.getAttempt()
                    + " was already launched on node " + nodeId);
        } catch (IOException e) {
            throw refused(Status.Code.INTERNAL, "cannot record the launch of job " + job.getJobId() + " under "
                    + jobClaims() + " on node " + nodeId + ": " + e.getMessage());
        }
    }

    /**
     * A claim matters only while its job waits for the start to be recorded (the leader launches an
     * unannounced attempt again after seconds, and gives it up after 30 s); older ones go, at most
     * once a minute.
     */
    private synchronized void pruneClaims() {
        long now = System.currentTimeMillis();
        if (now - claimsPrunedAt < CLAIM_PRUNE_EVERY.toMillis()) {
            return;
        }
        claimsPrunedAt = now;
        if (!Files.isDirectory(jobClaims())) {
            return;
        }
        try (var claims = Files.list(jobClaims())) {
            for (Path claim : claims.toList()) {
                if (now - Files.getLastModifiedTime(claim).toMillis() > ExitMonitor.RETENTION.toMillis()) {
                    Files.deleteIfExists(claim);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot prune the job claims under {}: {}", jobClaims(), e.getMessage());
        }
    }

    private void release(RunRequest request) {
        if (request.hasDetached()) {
            DetachedLaunch job = request.getDetached();
            try {
                Files.deleteIfExists(jobClaims().resolve(job.getJobId() + "-" + job.getAttempt()));
            } catch (IOException e) {
                LOG.warn("cannot forget the launch of job {}: {}", job.getJobId(), e.getMessage());
            }
        }
    }

    private static void checkDetached(DetachedLaunch job) throws LaunchRefusedException {
        for (String path : List.of(job.getStdinPath(), job.getStdoutPath(), job.getStderrPath())) {
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw refused(Status.Code.INVALID_ARGUMENT, "file '" + path + "' is not an absolute path");
            }
        }
    }

    /** A job's stdio: its files (opened as its user by the shepherd), else /dev/null. */
    private static void detachedStdio(ShepherdSpec.Builder spec, DetachedLaunch job) {
        spec.stdin(job.getStdinPath().isEmpty() ? Stdio.discard() : Stdio.file(Path.of(job.getStdinPath())));
        spec.stdout(job.getStdoutPath().isEmpty() ? Stdio.discard() : Stdio.file(Path.of(job.getStdoutPath())));
        if (job.getJoinFiles()) {
            spec.stderr(Stdio.joinStdout());
        } else {
            spec.stderr(job.getStderrPath().isEmpty() ? Stdio.discard() : Stdio.file(Path.of(job.getStderrPath())));
        }
    }

    private Path cwd(String text) throws LaunchRefusedException {
        if (text.isEmpty() || !text.startsWith("/")) {
            throw refused(Status.Code.INVALID_ARGUMENT, "cwd '" + text + "' is not an absolute path");
        }
        Path cwd = Path.of(text);
        if (!Files.isDirectory(cwd)) {
            throw refused(Status.Code.FAILED_PRECONDITION, "cwd " + text + " does not exist on node " + nodeId);
        }
        return cwd;
    }

    private static Map<String, String> environment(ProcessSpec spec) throws LaunchRefusedException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : spec.getEnvList()) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw refused(Status.Code.INVALID_ARGUMENT, "env entry '" + entry + "' is not NAME=value");
            }
            environment.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return environment;
    }

    private Path newLaunchDir() throws LaunchRefusedException {
        try {
            Files.createDirectories(table.procs());
            // Named by this launcher's start and a counter: unique without a random number per launch.
            while (true) {
                try {
                    return Files.createDirectory(table.procs().resolve(".launch-" + launcherId + "-"
                            + launches.incrementAndGet()), PRIVATE);
                } catch (FileAlreadyExistsException e) {
                    LOG.debug("{} exists already (left by an earlier daemon): taking the next name", e.getFile());
                }
            }
        } catch (IOException e) {
            throw refused(Status.Code.INTERNAL, "cannot create a state directory under " + table.procs()
                    + " on node " + nodeId + ": " + e.getMessage());
        }
    }

    private static void discard(Path launchDir) {
        try {
            ExitMonitor.deleteTree(launchDir);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", launchDir, e.getMessage());
        }
    }

    private static void kill(long pgid) {
        try {
            GroupSignals.send(pgid, 9);
        } catch (IOException e) {
            LOG.debug("process group {} already gone: {}", pgid, e.getMessage());
        }
    }

    private static LaunchRefusedException refused(Status.Code code, String message) {
        return new LaunchRefusedException(code, message);
    }
}
