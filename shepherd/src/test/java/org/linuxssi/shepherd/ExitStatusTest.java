package org.linuxssi.shepherd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.shepherd.ShepherdStatus.Outcome;

/** The status file says how the program ended and what it cost. */
class ExitStatusTest {

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
    void exitCodeIsCarried() throws Exception {
        ShepherdStatus status = shepherds.run(shepherds.spec("sh", "-c", "exit 3").build());

        assertThat(status.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(status.exitCode()).hasValue(3);
        assertThat(status.signal()).isEmpty();
        assertThat(status.failure()).isEmpty();
        assertThat(status.shellExitCode()).isEqualTo(3);
    }

    @Test
    void sigkillIsRecordedAsSignal9() throws Exception {
        var launched = shepherds.launch(shepherds.spec("sleep", "1000").build());

        assertThat(Processes.kill("KILL", -launched.childPid())).isTrue();
        ShepherdStatus status = shepherds.awaitStatus(launched.stateDir());

        assertThat(status.outcome()).isEqualTo(Outcome.KILLED);
        assertThat(status.signal()).hasValue(9);
        assertThat(status.signalName()).hasValue("SIGKILL");
        assertThat(status.exitCode()).isEmpty();
        assertThat(status.shellExitCode()).isEqualTo(137);
    }

    @Test
    void sigtermLeavesNoCoreFlag() throws Exception {
        var launched = shepherds.launch(shepherds.spec("sleep", "1000").build());

        assertThat(Processes.kill("TERM", -launched.childPid())).isTrue();
        ShepherdStatus status = shepherds.awaitStatus(launched.stateDir());

        assertThat(status.outcome()).isEqualTo(Outcome.KILLED);
        assertThat(status.signalName()).hasValue("SIGTERM");
        assertThat(status.coreDumped()).isFalse();
    }

    @Test
    void cpuTimeAndMaxRssArePlausibleForABusyLoop() throws Exception {
        // About 0.3 s of shell arithmetic, then a 20 MB string held in the shell's memory.
        String busy = "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; "
                + "x=$(head -c 20000000 /dev/zero | tr '\\0' a); echo ${#x}";
        ShepherdStatus status = shepherds.run(shepherds.spec("sh", "-c", busy).build());

        assertThat(status.exitCode()).hasValue(0);
        long cpuUs = status.utimeUs() + status.stimeUs();
        long wallMs = status.endMs() - status.startMs();
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(status.utimeUs()).as("user CPU of the loop").isGreaterThan(100_000);
        assertThat(cpuUs).as("CPU cannot exceed wall time x CPUs").isLessThanOrEqualTo((wallMs + 50) * 1000 * cpus);
        assertThat(status.maxRssKb()).as("max RSS holds the 20 MB string").isBetween(20_000L, 2_000_000L);
        assertThat(status.startMs()).isGreaterThan(1_600_000_000_000L);
        assertThat(wallMs).isGreaterThanOrEqualTo(cpuUs / 1000 / cpus);
    }

    @Test
    void stopAndContinueReachTheProgram() throws Exception {
        var launched = shepherds.launch(shepherds.spec("sleep", "1000").build());
        long child = launched.childPid();

        Processes.kill("TSTP", launched.shepherdPid());
        await().atMost(ShepherdHarness.PATIENCE).until(() -> Processes.state(child) == 'T');
        Processes.kill("CONT", launched.shepherdPid());
        await().atMost(ShepherdHarness.PATIENCE).until(() -> Processes.state(child) == 'S');
        Processes.kill("TERM", launched.shepherdPid());

        assertThat(shepherds.awaitStatus(launched.stateDir()).signalName()).hasValue("SIGTERM");
    }
}
