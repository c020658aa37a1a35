package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * migrate with CRIU: a counter started by krgrun moves to another node while its caller reads it,
 * and neither restarts, skips nor repeats; the refusals name their reason.
 */
class MigrateTest extends CounterClusterTest {

    @Test
    void aCounterMovesToNode3AndKeepsCountingWithoutGapOrRepeat() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        Counter counter = startCounter("krgcapset -d +CAN_MIGRATE || exit 1", 1);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= 10);
            ToolRun migrate = ShellSession.run(cluster.node(1), dir, "migrate -v " + counter.gpid() + " 3");
            assertThat(migrate.code()).as(migrate.toString()).isZero();
            assertThat(migrate.out()).startsWith("process " + counter.gpid() + " migrated from node 1 to node 3: "
                    + "frozen ");
            long atMigration = counter.last();
            await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= atMigration + 20);
            assertThat(listed(counter.gpid()).getNodeId()).isEqualTo(3);
            List<Long> seen = List.copyOf(counter.lines());
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("line %d of %s", i, seen).isEqualTo(i);
            }
        } finally {
            stop(counter);
        }
        assertThat(counter.shell().exitValue()).isEqualTo(137);
    }

    @Test
    void itsCallersInputReachesItOnItsNewNodeUpToTheEndOfInput() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        Counter doubler = startCounter("krgcapset -d +CAN_MIGRATE || exit 1", 1, "python3 -u -c 'import sys\n"
                + "while True:\n l = sys.stdin.readline()\n if not l: break\n print(int(l) * 2)'");
        try (Writer input = new OutputStreamWriter(doubler.shell().getOutputStream(), StandardCharsets.UTF_8)) {
            input.write("1\n");
            input.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> doubler.lines().contains(2L));
            ToolRun migrate = ShellSession.run(cluster.node(1), dir, "migrate " + doubler.gpid() + " 3");
            assertThat(migrate.code()).as(migrate.toString()).isZero();
            assertThat(listed(doubler.gpid()).getNodeId()).isEqualTo(3);
            input.write("21\n");
            input.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> doubler.lines().contains(42L));
            input.write("50\n");
        } catch (RuntimeException | Error e) {
            stop(doubler);
            throw e;
        }
        // The caller's end of input ends the program there: it leaves its loop and exits 0.
        assertThat(doubler.shell().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(doubler.shell().exitValue()).isZero();
        assertThat(doubler.lines()).containsExactly(2L, 42L, 100L);
    }

    @Test
    void aDumpCriuRefusesLeavesTheCounterRunningWhereItWas() throws Exception {
        assumeTrue(CriuAvailability.usable(), "CRIU is not usable here (see the banner)");
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(peer.accept());
                } catch (IOException e) {
                    // the test is over
                }
            });
            // An established TCP connection: criu refuses it without --tcp-established.
            Counter counter = startCounter("krgcapset -d +CAN_MIGRATE || exit 1", 2, "python3 -u -c 'import socket, "
                    + "time\ns = socket.create_connection((\"127.0.0.1\", " + peer.getLocalPort() + "))\ni=0\n"
                    + "while True:\n print(i)\n i+=1\n time.sleep(0.1)'");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= 5);
                ToolRun migrate = ShellSession.run(cluster.node(1), dir, "migrate " + counter.gpid() + " 3");
                assertThat(migrate.code()).as(migrate.toString()).isEqualTo(1);
                assertThat(migrate.err()).startsWith("migrate: process " + counter.gpid() + " cannot migrate: criu "
                        + "dump refused: ");
                long atRefusal = counter.last();
                await().atMost(Duration.ofSeconds(60)).until(() -> counter.last() >= atRefusal + 10);
                assertThat(listed(counter.gpid()).getNodeId()).isEqualTo(2);
                List<Long> seen = List.copyOf(counter.lines());
                for (int i = 0; i < seen.size(); i++) {
                    assertThat(seen.get(i)).as("line %d of %s", i, seen).isEqualTo(i);
                }
            } finally {
                stop(counter);
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void withoutCanMigrateTheProcessStays() throws Exception {
        Counter counter = startCounter("true", 2);
        try {
            ToolRun migrate = ShellSession.run(cluster.node(1), dir, "migrate " + counter.gpid() + " 3");
            assertThat(migrate.code()).isEqualTo(1);
            assertThat(migrate.err()).isEqualTo("migrate: process " + counter.gpid() + " cannot migrate: CAN_MIGRATE "
                    + "is not in its effective capabilities (start it from a shell after 'krgcapset -d +CAN_MIGRATE', "
                    + "or run 'krgcapset -k " + counter.gpid() + " -e +CAN_MIGRATE')\n");
            assertThat(listed(counter.gpid()).getNodeId()).isEqualTo(2);
        } finally {
            stop(counter);
        }
    }

    @Test
    void aMissingProcessOrNodeAndBadArgumentsAreNamed() throws Exception {
        ToolRun noProcess = ShellSession.run(cluster.node(1), dir, "migrate 10000042 2");
        assertThat(noProcess.code()).isEqualTo(1);
        assertThat(noProcess.err()).isEqualTo("migrate: no process 10000042 in the cluster (see krgps)\n");
        Counter counter = startCounter("krgcapset -d +CAN_MIGRATE || exit 1", 2);
        try {
            ToolRun noNode = ShellSession.run(cluster.node(1), dir, "migrate " + counter.gpid() + " 9");
            assertThat(noNode.code()).isEqualTo(1);
            assertThat(noNode.err()).isEqualTo("migrate: no node 9 in the cluster (online nodes: 1,2,3)\n");
            ToolRun same = ShellSession.run(cluster.node(1), dir, "migrate " + counter.gpid() + " 2");
            assertThat(same.err()).isEqualTo("migrate: process " + counter.gpid() + " already runs on node 2\n");
        } finally {
            stop(counter);
        }
        ToolRun bad = ShellSession.run(cluster.node(1), dir, "migrate 12x 2");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("migrate: GPID '12x' is not a global PID");
    }
}
