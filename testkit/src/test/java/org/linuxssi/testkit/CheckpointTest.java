package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** checkpoint -k of a counter started by krgrun, restart on node 2: its caller reads on from the checkpoint. */
class CheckpointTest extends CounterClusterTest {

    @Test
    void aCounterCheckpointedAndStoppedContinuesOnNode2FromTheCheckpointedValue() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        Counter counter = startCounter("krgcapset -d +CHECKPOINTABLE || exit 1", 1);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= 10);
            ToolRun checkpoint = ShellSession.run(cluster.node(1), dir, "checkpoint -k -d 'before the move' "
                    + counter.gpid());
            assertThat(checkpoint.code()).as(checkpoint.toString()).isZero();
            assertThat(checkpoint.out()).startsWith("Checkpointing application in which process " + counter.gpid()
                    + " is involved...\nIdentifier: " + counter.gpid() + "\nVersion: 1\nDescription: before the move\n"
                    + "Date: ");
            assertThat(dir.resolve("chkpt").resolve(Long.toString(counter.gpid())).resolve("v1")
                    .resolve("description.txt")).content().contains("Description: before the move");
            long stoppedAt = counter.last();
            ToolRun restart = ShellSession.run(cluster.node(2), dir, "restart " + counter.gpid() + " 1");
            assertThat(restart.code()).as(restart.toString()).isZero();
            assertThat(restart.out()).isEqualTo("Restarting application " + counter.gpid() + " (v1) ...\n"
                    + "Application " + counter.gpid() + " has been successfully restarted\n");
            await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= stoppedAt + 10);
            assertThat(listed(counter.gpid()).getNodeId()).isEqualTo(2);
            List<Long> seen = List.copyOf(counter.lines());
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("line %d of %s", i, seen).isEqualTo(i);
            }
        } finally {
            stop(counter);
        }
    }

    @Test
    void restartOfAMissingVersionAndCheckpointWithoutCheckpointableAreRefused() throws Exception {
        ToolRun missing = ShellSession.run(cluster.node(1), dir, "restart 10000077 3");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("restart: application 10000077 has no version 3 in "
                + dir.resolve("chkpt") + " (it has no checkpoint)\n");
        Counter counter = startCounter("true", 2);
        try {
            ToolRun refused = ShellSession.run(cluster.node(1), dir, "checkpoint " + counter.gpid());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("checkpoint: process " + counter.gpid() + " is not checkpointable: "
                    + "CHECKPOINTABLE is not in its effective capabilities (start it with krgcr-run, or from a shell "
                    + "after 'krgcapset -d +CHECKPOINTABLE')\n");
        } finally {
            stop(counter);
        }
    }

    @Test
    void killWithASignalSavesTheApplicationThenDeliversTheSignal() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        Counter counter = startCounter("krgcapset -d +CHECKPOINTABLE || exit 1", 2);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= 5);
            ToolRun badSignal = ShellSession.run(cluster.node(1), dir, "checkpoint -kBOGUS " + counter.gpid());
            assertThat(badSignal.code()).isEqualTo(2);
            assertThat(badSignal.err()).startsWith("checkpoint: -k: unknown signal 'BOGUS' (");
            ToolRun checkpoint = ShellSession.run(cluster.node(1), dir, "checkpoint -kTERM " + counter.gpid());
            assertThat(checkpoint.code()).as(checkpoint.toString()).isZero();
            assertThat(checkpoint.out()).startsWith("Checkpointing application in which process " + counter.gpid()
                    + " is involved...\nIdentifier: " + counter.gpid() + "\nVersion: 1\n");
            assertThat(counter.shell().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(counter.shell().exitValue()).as("krgrun saw SIGTERM end the program").isEqualTo(143);
            assertThat(dir.resolve("chkpt").resolve(Long.toString(counter.gpid())).resolve("v1")
                    .resolve("description.txt")).exists();
        } finally {
            if (counter.shell().isAlive()) {
                stop(counter);
            }
        }
    }
}
