package org.linuxssi.shepherd;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Launches real shepherds from target/native for one test and kills whatever is left at the end:
 * the program's process group first, then the shepherd.
 */
final class ShepherdHarness implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path root;
    private final ShepherdLauncher launcher = new ShepherdLauncher(binary(), PATIENCE);
    private final List<ShepherdStateDir> dirs = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    ShepherdHarness(Path root) {
        this.root = root;
    }

    static Path binary() {
        Path bin = Path.of(System.getProperty("linuxssi.shepherd.binary", "target/native/linuxssi-shepherd"));
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing: build with mvn -f shepherd/pom.xml test");
        }
        return bin.toAbsolutePath();
    }

    /** A fresh, empty state directory registered for cleanup. */
    ShepherdStateDir newStateDir() throws IOException {
        ShepherdStateDir dir = new ShepherdStateDir(
                Files.createDirectories(root.resolve("procs").resolve(Integer.toString(next.incrementAndGet()))));
        dirs.add(dir);
        return dir;
    }

    /**
     * A spec in a new state directory, cwd = the test root, PATH=/usr/bin:/bin, running as the current
     * user (explicitly uid 0 when root, as the shepherd demands).
     */
    ShepherdSpec.Builder spec(String... argv) throws IOException {
        return specIn(root, argv);
    }

    /** Like {@link #spec(String...)} with another working directory. */
    ShepherdSpec.Builder specIn(Path cwd, String... argv) throws IOException {
        ShepherdSpec.Builder b = ShepherdSpec.builder(newStateDir().dir(), cwd, List.of(argv))
                .env("PATH", "/usr/bin:/bin");
        if (Processes.isRoot()) {
            b.identity(0, 0, List.of());
        }
        return b;
    }

    ShepherdLauncher.Launched launch(ShepherdSpec spec) throws IOException, InterruptedException {
        return launcher.launch(spec);
    }

    ShepherdStatus awaitStatus(ShepherdStateDir dir) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(dir::readStatus, Optional::isPresent).orElseThrow();
    }

    ShepherdStatus run(ShepherdSpec spec) throws IOException, InterruptedException {
        return awaitStatus(launch(spec).stateDir());
    }

    @Override
    public void close() throws IOException {
        for (ShepherdStateDir dir : dirs) {
            if (dir.readStatus().isPresent()) {
                continue;
            }
            dir.readChild().ifPresent(child -> {
                Processes.kill("KILL", -child);
                Processes.kill("KILL", child);
            });
            dir.readPid().ifPresent(pid -> {
                try {
                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> dir.readStatus().isPresent() || !Processes.isAlive(pid));
                } catch (ConditionTimeoutException e) {
                    // The shepherd could not finish on its own; it goes too.
                } finally {
                    if (Processes.isAlive(pid)) {
                        Processes.kill("KILL", pid);
                    }
                }
            });
        }
    }
}
