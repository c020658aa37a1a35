package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * krgcr-run: a background application is checkpointable under the id it prints, restarts on another node and
 * counts on from its checkpoint; in the foreground it runs like krgrun; bad command lines are named.
 */
class KrgcrRunTest extends CounterClusterTest {

    /** Appends 0, 1, 2... to FILE every 100 ms, opening it each time (CRIU restores no open file that grew). */
    private static String fileCounter(Path file) {
        return "python3 -u -c 'import time\ni=0\nwhile True:\n with open(\"" + file + "\", \"a\") as f: f.write(str(i)"
                + " + \"\\n\")\n i+=1\n time.sleep(0.1)'";
    }

    private static List<Long> counted(Path file) throws Exception {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    private static long last(Path file) throws Exception {
        List<Long> seen = counted(file);
        return seen.isEmpty() ? -1 : seen.getLast();
    }

    @Test
    void aBackgroundApplicationIsCheckpointedUnderItsIdAndRestartsOnNode2() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        Path count = dir.resolve("krgcr-count.txt");
        Path idFile = dir.resolve("krgcr-id.txt");
        ToolRun started = ShellSession.run(cluster.node(1), dir, "krgcr-run -b -o " + idFile + " -- "
                + fileCounter(count));
        assertThat(started.code()).as(started.toString()).isZero();
        assertThat(started.out()).matches("Running application \\d+\n");
        long app = Long.parseLong(started.out().trim().substring("Running application ".length()));
        assertThat(idFile).content().isEqualTo(Long.toString(app));
        try {
            assertThat(app / 10_000_000L).as("started on the local node").isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> last(count) >= 10);
            ToolRun checkpoint = ShellSession.run(cluster.node(1), dir, "checkpoint -k " + app);
            assertThat(checkpoint.code()).as(checkpoint.toString()).isZero();
            assertThat(checkpoint.out()).startsWith("Checkpointing application in which process " + app
                    + " is involved...\nIdentifier: " + app + "\nVersion: 1\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> node1.list().getProcessesList().isEmpty());
            long stoppedAt = last(count);
            ToolRun restart = ShellSession.run(cluster.node(2), dir, "restart " + app + " 1");
            assertThat(restart.code()).as(restart.toString()).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> last(count) >= stoppedAt + 10);
            assertThat(listed(app).getNodeId()).isEqualTo(2);
            List<Long> seen = counted(count);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("line %d of %s", i, seen).isEqualTo(i);
            }
        } finally {
            node1.signal(9, app);
        }
    }

    @Test
    void inTheForegroundItRunsLikeKrgrunAndReturnsTheProgramsStatus() throws Exception {
        ToolRun run = ShellSession.run(cluster.node(1), dir, "krgcr-run -- sh -c 'echo hello; exit 3'");
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).matches("Running application 1\\d{7}\nhello\n");
        ToolRun quiet = ShellSession.run(cluster.node(1), dir, "krgcr-run -q -- echo quiet");
        assertThat(quiet.out()).isEqualTo("quiet\n");
        assertThat(quiet.code()).isZero();
    }

    @Test
    void badCommandLinesAndAnUnwritableIdFileAreNamed() throws Exception {
        ToolRun none = ShellSession.run(cluster.node(1), dir, "krgcr-run -b");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("krgcr-run: Missing required parameter: 'PROGRAM'");
        ToolRun unknown = ShellSession.run(cluster.node(1), dir, "krgcr-run -x -- true");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("krgcr-run: Unknown option: '-x'");
        ToolRun unwritable = ShellSession.run(cluster.node(1), dir, "krgcr-run -o /nonexistent/dir/id -- true");
        assertThat(unwritable.code()).isEqualTo(1);
        assertThat(unwritable.err()).startsWith("krgcr-run: cannot write the application id to /nonexistent/dir/id:");
        assertThat(node1.list().getProcessesList()).isEmpty();
    }
}
