package org.linuxssi.shepherd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.shepherd.ShepherdStatus.Outcome;

/** The shepherd outlives whoever launched it and passes signals to the whole program group. */
class SurvivalTest {

    @TempDir
    Path root;
    ShepherdHarness shepherds;

    @BeforeEach
    void start() {
        shepherds = new ShepherdHarness(root);
    }

    @AfterEach
    void cleanUp() throws IOException {
        shepherds.close();
    }

    @Test
    void signalsToTheShepherdReachTheWholeProcessGroup() throws Exception {
        Path bgPid = root.resolve("background.pid");
        var launched = shepherds.launch(
                shepherds.spec("sh", "-c", "sleep 100 & echo $! > \"$0\"; wait", bgPid.toString()).build());
        await().atMost(ShepherdHarness.PATIENCE).until(() -> Files.exists(bgPid) && Files.size(bgPid) > 0);
        long sleeper = Long.parseLong(Files.readString(bgPid).strip());
        assertThat(Processes.isAlive(sleeper)).isTrue();

        assertThat(Processes.kill("TERM", launched.shepherdPid())).isTrue();
        ShepherdStatus status = shepherds.awaitStatus(launched.stateDir());

        assertThat(status.outcome()).isEqualTo(Outcome.KILLED);
        assertThat(status.signalName()).hasValue("SIGTERM");
        await().atMost(ShepherdHarness.PATIENCE).until(() -> !Processes.isAlive(sleeper));
    }

    @Test
    void shepherdKeepsRunningAndRecordsTheStatusAfterItsLauncherDied() throws Exception {
        Path go = root.resolve("go");
        ShepherdSpec spec = shepherds.spec("sh", "-c", "while [ ! -e \"$0\" ]; do sleep 0.05; done; exit 7",
                go.toString()).build();
        ShepherdStateDir dir = new ShepherdStateDir(spec.stateDir());
        Files.writeString(dir.spec(), spec.render());

        // A stand-in daemon: its own process group, launches the shepherd, then lingers until killed.
        Process daemon = new ProcessBuilder(List.of("setsid", "sh", "-c", "\"$0\" --spec \"$1\" || exit 1; exec sleep 1000",
                ShepherdHarness.binary().toString(), dir.spec().toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(ShepherdHarness.PATIENCE).until(() -> dir.readChild().isPresent());
            long shepherd = dir.readPid().orElseThrow();
            long program = dir.readChild().orElseThrow();

            // What a dying daemon's process group gets: TERM, then KILL.
            Processes.kill("TERM", -daemon.pid());
            Processes.kill("KILL", -daemon.pid());
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(Processes.isAlive(shepherd)).as("shepherd alive after its launcher died").isTrue();
            assertThat(Processes.isAlive(program)).as("program alive after the launcher died").isTrue();
            assertThat(dir.readStatus()).isEmpty();
            Files.createFile(go);

            ShepherdStatus status = shepherds.awaitStatus(dir);
            assertThat(status.outcome()).isEqualTo(Outcome.EXITED);
            assertThat(status.exitCode()).hasValue(7);
        } finally {
            daemon.destroyForcibly();
        }
    }
}
