package org.linuxssi.shepherd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.shepherd.ShepherdStatus.Outcome;

/** The resident spawner ({@code --serve}): answers, concurrency, its end, and what it leaves behind. */
class SpawnerTest {

    @TempDir
    Path root;
    ShepherdHarness shepherds;
    ShepherdSpawner spawner;
    final List<String> diagnostics = new ArrayList<>();
    final AtomicInteger ended = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        shepherds = new ShepherdHarness(root);
        spawner = ShepherdSpawner.start(ShepherdHarness.binary(), ShepherdHarness.PATIENCE, line -> {
            synchronized (diagnostics) {
                diagnostics.add(line);
            }
        }, ended::incrementAndGet);
    }

    @AfterEach
    void cleanUp() throws IOException {
        spawner.close();
        shepherds.close();
    }

    @Test
    void answersConcurrentRequestsEachWithItsOwnShepherd() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<ShepherdLauncher.Launched>> launches = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ShepherdSpec spec = shepherds.spec("sh", "-c", "exit " + i).build();
                launches.add(threads.submit(() -> spawner.launch(spec)));
            }
            for (int i = 0; i < launches.size(); i++) {
                ShepherdLauncher.Launched launched = launches.get(i).get(60, TimeUnit.SECONDS);
                ShepherdStatus status = shepherds.awaitStatus(launched.stateDir());
                assertThat(status.outcome()).isEqualTo(Outcome.EXITED);
                assertThat(status.exitCode()).hasValue(i);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void saysWhenAShepherdEndedAfterItsStatusIsWritten() throws Exception {
        Path go = root.resolve("go");
        ShepherdLauncher.Launched launched = spawner.launch(shepherds.spec("sh", "-c",
                "while [ ! -e \"$0\" ]; do sleep 0.05; done", go.toString()).build());
        assertThat(ended).hasValue(0);

        Files.createFile(go);
        await().atMost(60, TimeUnit.SECONDS).until(() -> ended.get() == 1);
        assertThat(launched.stateDir().readStatus()).isPresent();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void aRefusedSpecGetsTheLaunchersCodeAndMessage() throws Exception {
        ShepherdSpec spec = shepherds.spec("true").build();
        Files.writeString(spec.stateDir().resolve("pid"), "1\n");

        assertThatThrownBy(() -> spawner.launch(spec))
                .isInstanceOfSatisfying(ShepherdLaunchException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ShepherdLaunchException.STATE_DIR))
                .hasMessage("linuxssi-shepherd: state_dir " + spec.stateDir() + " already has a pid file: each process "
                        + "needs a fresh state directory");
        // The spawner serves on after a refusal.
        ShepherdLauncher.Launched next = spawner.launch(shepherds.spec("true").build());
        assertThat(shepherds.awaitStatus(next.stateDir()).exitCode()).hasValue(0);
    }

    @Test
    void shepherdsLiveOnAfterItEnds() throws Exception {
        Path go = root.resolve("go");
        ShepherdLauncher.Launched launched = spawner.launch(shepherds.spec("sh", "-c",
                "while [ ! -e \"$0\" ]; do sleep 0.05; done; exit 7", go.toString()).build());
        // /proc/PID/cwd of a shepherd names its state directory (how a restarted daemon knows it).
        assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(launched.shepherdPid()), "cwd")))
                .isEqualTo(launched.stateDir().dir().toRealPath());

        long spawnerPid = spawner.pid();
        spawner.close();
        assertThat(Processes.isAlive(spawnerPid)).isFalse();
        assertThat(spawner.isAlive()).isFalse();
        assertThatThrownBy(() -> spawner.launch(shepherds.spec("true").build()))
                .isInstanceOf(ShepherdSpawner.SpawnerGoneException.class);

        assertThat(Processes.isAlive(launched.shepherdPid())).isTrue();
        assertThat(parentOf(launched.shepherdPid())).isNotEqualTo(spawnerPid);
        Files.createFile(go);
        assertThat(shepherds.awaitStatus(launched.stateDir()).exitCode()).hasValue(7);
    }

    @Test
    void reapsItsShepherdsAndAnswersForOneKilledBeforeAnswering() throws Exception {
        for (int i = 0; i < 20; i++) {
            shepherds.awaitStatus(spawner.launch(shepherds.spec("true").build()).stateDir());
        }
        // Its shepherds are its children until they end; then it reaps them: nothing left, no zombie.
        await().atMost(ShepherdHarness.PATIENCE).until(() -> childrenOf(spawner.pid()).isEmpty());

        ShepherdLauncher.Launched killed = spawner.launch(shepherds.spec("sleep", "100").build());
        assertThat(childrenOf(spawner.pid())).containsExactly(killed.shepherdPid());
        Processes.kill("KILL", killed.shepherdPid());
        Processes.kill("KILL", -killed.childPid());
        await().atMost(ShepherdHarness.PATIENCE).until(() -> childrenOf(spawner.pid()).isEmpty());
        // Its answer for the dead shepherd goes to no waiting request: reported, not misdelivered.
        await().atMost(ShepherdHarness.PATIENCE).until(() -> {
            synchronized (diagnostics) {
                return diagnostics.stream().anyMatch(d -> d.contains("died of signal 9"));
            }
        });
        assertThat(spawner.isAlive()).isTrue();
    }

    /** The protocol itself: a bad spec, a malformed request, and the end of the request pipe. */
    @Test
    void speaksItsLineProtocolAndExitsWhenThePipeCloses() throws Exception {
        Path bad = root.resolve("bad.spec");
        Files.writeString(bad, "version=1\nbogus=1\n");
        Process serve = new ProcessBuilder(List.of(ShepherdHarness.binary().toString(), "--serve")).start();
        try (BufferedReader answers = new BufferedReader(
                new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(answers.readLine()).startsWith("0 ready linuxssi-shepherd ");
            OutputStream requests = serve.getOutputStream();
            requests.write(("7 " + bad + "\nseven " + bad + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            List<String> lines = List.of(answers.readLine(), answers.readLine());
            assertThat(lines).anySatisfy(line -> assertThat(line).isEqualTo("7 65 linuxssi-shepherd: spec " + bad
                    + " line 2, key 'bogus': unknown key (allowed: version state_dir uid gid groups cwd umask exec arg "
                    + "env rlimit_<name> stdin stdout stderr stdout_append stderr_append pty pty_rows pty_cols "
                    + "restore criu restore_inherit)"));
            assertThat(lines).anySatisfy(line -> assertThat(line).isEqualTo("0 64 linuxssi-shepherd: request 'seven "
                    + bad + "' is not 'ID SPEC' (ID: a number from 1)"));
            requests.close();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).isZero();
            assertThat(answers.readLine()).isNull();
        } finally {
            serve.destroyForcibly();
        }
    }

    private static long parentOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("PPid:")) {
                return Long.parseLong(line.substring(5).strip());
            }
        }
        throw new IOException("no PPid for " + pid);
    }

    /** Every process, zombie or not, whose parent is {@code pid}. */
    private static List<Long> childrenOf(long pid) throws IOException {
        List<Long> children = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.toList()) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (parentOf(Long.parseLong(name)) == pid) {
                        children.add(Long.parseLong(name));
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return children;
    }
}
