package org.linuxssi.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.shepherd.ShepherdLauncher;
import org.linuxssi.shepherd.ShepherdSpec;
import org.linuxssi.shepherd.ShepherdStateDir;
import org.linuxssi.shepherd.ShepherdStatus;

/** Launches through the resident spawner, its restart, and the per-launch path when it cannot run. */
class ResidentSpawnerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    ResidentSpawner spawner;
    int next;

    @AfterEach
    void stop() {
        if (spawner != null) {
            spawner.close();
        }
    }

    @Test
    void launchesThroughTheResidentSpawner() throws Exception {
        spawner = new ResidentSpawner(locator(realBinary()), PATIENCE, true, () -> { });
        spawner.start();
        assertThat(spawner.isResident()).isTrue();

        ShepherdLauncher.Launched launched = spawner.launch(spec("sh", "-c", "exit 3"));

        assertThat(awaitStatus(launched.stateDir()).exitCode()).hasValue(3);
        assertThat(spawner.isResident()).isTrue();
    }

    @Test
    void aDeadSpawnerIsReplacedAtTheNextLaunch() throws Exception {
        spawner = new ResidentSpawner(locator(realBinary()), PATIENCE, true, () -> { });
        spawner.start();
        long first = spawner.current().orElseThrow().pid();
        ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(PATIENCE).until(() -> ProcessHandle.of(first).isEmpty());

        assertThat(awaitStatus(spawner.launch(spec("true")).stateDir()).exitCode()).hasValue(0);
        assertThat(spawner.isResident()).isTrue();
        assertThat(spawner.current().orElseThrow().pid()).isNotEqualTo(first);
    }

    @Test
    void withoutASpawnerEachLaunchRunsTheBinary() throws Exception {
        // A shepherd that predates --serve: the spawner cannot start, launches still work.
        Path old = Files.writeString(dir.resolve("linuxssi-shepherd"), "#!/bin/sh\n"
                + "if [ \"$1\" = --serve ]; then echo \"linuxssi-shepherd: unexpected argument '--serve'\" >&2; exit 64; fi\n"
                + "exec '" + realBinary() + "' \"$@\"\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        spawner = new ResidentSpawner(locator(old), PATIENCE, true, () -> { });
        spawner.start();
        assertThat(spawner.isResident()).isFalse();

        assertThat(awaitStatus(spawner.launch(spec("sh", "-c", "exit 4")).stateDir()).exitCode()).hasValue(4);
        assertThat(spawner.isResident()).isFalse();
    }

    @Test
    void switchedOffItNeverStarts() throws Exception {
        spawner = new ResidentSpawner(locator(realBinary()), PATIENCE, false, () -> { });
        spawner.start();
        assertThat(spawner.isResident()).isFalse();
        assertThat(awaitStatus(spawner.launch(spec("true")).stateDir()).exitCode()).hasValue(0);
        assertThat(spawner.isResident()).isFalse();
    }

    private ShepherdSpec spec(String... argv) throws IOException {
        Path state = Files.createDirectories(dir.resolve("procs").resolve(Integer.toString(++next)));
        ShepherdSpec.Builder b = ShepherdSpec.builder(state, dir, List.of(argv)).env("PATH", "/usr/bin:/bin");
        if ("root".equals(System.getProperty("user.name"))) {
            b.identity(0, 0, List.of());
        }
        return b.build();
    }

    private static ShepherdStatus awaitStatus(ShepherdStateDir state) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(state::readStatus, Optional::isPresent).orElseThrow();
    }

    private static ShepherdLocator locator(Path binary) {
        return new ShepherdLocator(Optional.of(binary), Optional.empty());
    }

    private static Path realBinary() {
        return ShepherdLocator.inSourceTree(ShepherdLocator.class)
                .orElseThrow(() -> new IllegalStateException("build shepherd/ first: no linuxssi-shepherd in the tree"));
    }
}
