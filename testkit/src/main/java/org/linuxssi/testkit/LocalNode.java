package org.linuxssi.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One real linuxssid process of a local cluster: node {@code index} listens on
 * 127.0.0.index, keeps its files in {@code dir} (node.conf, state/, ssi.sock,
 * linuxssid.log, pid) and is started, killed, paused and resumed through its pid.
 */
public final class LocalNode {

    private final int index;
    private final Path dir;
    private final DaemonLauncher launcher;

    LocalNode(int index, Path dir, DaemonLauncher launcher) {
        this.index = index;
        this.dir = dir;
        this.launcher = launcher;
    }

    public int index() {
        return index;
    }

    public String address() {
        return "127.0.0." + index;
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve("node.conf");
    }

    public Path socket() {
        return dir.resolve("ssi.sock");
    }

    public Path log() {
        return dir.resolve("linuxssid.log");
    }

    public Path stateDir() {
        return dir.resolve("state");
    }

    /** Starts the daemon in the background (its own session, so it outlives the caller). */
    public void start() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("node " + index + " is already running (pid " + pid().orElse(-1L) + ")");
        }
        long pid = launcher.launch(config(), log());
        Files.writeString(dir.resolve("pid"), Long.toString(pid), StandardCharsets.UTF_8);
    }

    public Optional<Long> pid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve("pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isRunning() {
        return pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL: the daemon dies without any cleanup, as in a crash. */
    public void kill() {
        process().ifPresent(p -> {
            p.destroyForcibly();
            awaitExit(p, Duration.ofSeconds(10));
        });
    }

    /** SIGSTOP: the daemon freezes, as a machine under a long pause. */
    public void pause() throws IOException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException {
        signal("CONT");
    }

    /** SIGTERM and wait for a clean exit; SIGKILL after the grace period. */
    public void stop(Duration grace) {
        process().ifPresent(p -> {
            try {
                signal("CONT");
            } catch (IOException e) {
                // the process may already be gone
            }
            p.destroy();
            if (!awaitExit(p, grace)) {
                p.destroyForcibly();
                awaitExit(p, Duration.ofSeconds(10));
            }
        });
    }

    public void restart() throws IOException {
        stop(Duration.ofSeconds(15));
        start();
    }

    /** Where the daemon keeps one state directory per process it runs. */
    public Path procs() {
        return stateDir().resolve("procs");
    }

    /**
     * SIGKILL for every program this node's shepherds still run, and for the shepherds: they outlive
     * their daemon on purpose, so a stopped test cluster would leave them behind.
     */
    public void killProcesses() {
        if (!Files.isDirectory(procs())) {
            return;
        }
        try (var dirs = Files.list(procs())) {
            for (Path dir : dirs.toList()) {
                if (Files.exists(dir.resolve("status"))) {
                    continue;
                }
                readPid(dir.resolve("child")).filter(LocalNode::leadsItsGroup).ifPresent(child -> {
                    try {
                        new ProcessBuilder("kill", "-9", "--", "-" + child).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
                    } catch (IOException e) {
                        // kill(1) missing: the shepherd below still goes
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                readPid(dir.resolve("pid")).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.endsWith("linuxssi-shepherd")).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException e) {
            // nothing more can be found
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True while {@code pid} exists and is its own process group's leader (not a recycled pid). */
    private static boolean leadsItsGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]) == pid;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The last lines of this node's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Optional<ProcessHandle> process() {
        return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    private void signal(String name) throws IOException {
        Optional<Long> pid = pid();
        if (pid.isEmpty() || !isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + name, Long.toString(pid.get())));
        try {
            new ProcessBuilder(command).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
