package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.ProcessInfo;

/**
 * Processes run as the user at the other end of the socket (SO_PEERCRED), whatever the tool says,
 * and a user may signal only their own processes. Needs root, to create the user and to be another
 * user: without root the test says so and is skipped.
 */
class ProcessIdentityTest {

    private static final String USER = OtherUser.NAME;

    @TempDir
    Path dir;

    @Test
    void aProcessRunsAsItsCallerWhoCannotSignalAnotherUsersProcess() throws Exception {
        boolean root = OtherUser.canSwitch();
        if (!root) {
            System.err.println("*** ProcessIdentityTest NOT RUN: it needs root (to create user " + USER
                    + " and run a client as that user); run the tests as root to check identities ***");
        }
        assumeTrue(root, "needs root to create user " + USER + " and connect as that user");
        OtherUser user = OtherUser.create(dir);
        int uid = user.uid();

        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("cluster")).nodes(3).start(Duration.ofSeconds(90));
             ProcessClient asRoot = new ProcessClient(cluster.node(1))) {
            Path socket = cluster.node(1).socket();
            RunHandle rootRun = asRoot.run(2, dir, "sleep", "1000");
            long rootGpid = rootRun.awaitStarted().getGpid();

            Process userRun = user.start(ProcessClientMain.class, "run", socket.toString(), "2", "/tmp", "sleep",
                    "1000");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(userRun.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String started = lines.readLine();
                assertThat(started).as(user.describe(userRun)).startsWith("started ");
                long userGpid = Long.parseLong(started.substring("started ".length()));

                assertThat(uidsOf(userGpid % 10_000_000)).as("real, effective, saved, fs uid").containsOnly(uid);
                ProcessInfo info = asRoot.list().getProcessesList().stream().filter(p -> p.getGpid() == userGpid)
                        .findFirst().orElseThrow();
                assertThat(info.getUid()).isEqualTo(uid);
                assertThat(info.getUser()).isEqualTo(USER);

                Process signal = user.start(ProcessClientMain.class, "signal", socket.toString(), "15",
                        Long.toString(rootGpid), Long.toString(userGpid));
                assertThat(signal.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(new String(signal.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .as(user.describe(signal))
                        .isEqualTo(rootGpid + " not permitted (owned by root)\n" + userGpid + " ok\n");

                // migrate checks the owner before anything else, CRIU or not.
                Process migrate = user.startTool("org.linuxssi.tools.Migrate", "--socket", socket.toString(),
                        Long.toString(rootGpid), "3");
                assertThat(migrate.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(migrate.exitValue()).isEqualTo(1);
                assertThat(new String(migrate.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("migrate: process " + rootGpid + " belongs to root: only its owner or root may "
                                + "migrate it\n");

                assertThat(lines.readLine()).isEqualTo("exit 143");
                assertThat(asRoot.signal(9, rootGpid).getResults(0).getError()).isEmpty();
                assertThat(rootRun.awaitExit().getStatus()).isEqualTo(137);
            } finally {
                userRun.destroyForcibly();
            }
        }
    }

    private static List<Integer> uidsOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Stream.of(line.substring(4).trim().split("\\s+")).map(Integer::parseInt).toList();
            }
        }
        throw new AssertionError("no Uid line for pid " + pid);
    }
}
