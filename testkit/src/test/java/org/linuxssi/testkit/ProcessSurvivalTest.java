package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.ProcessExit;

/**
 * Daemons killed with -9 while their processes run: the target restarts and the caller still gets
 * every byte and the exit; a target that stays away ends the run with 255; an origin that dies
 * leaves the process running and its exit recorded.
 */
class ProcessSurvivalTest {

    /** Long enough that a restarting daemon is not marked down meanwhile, on a loaded machine too. */
    private static final Duration SLOW_DOWN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theExitArrivesAlthoughTheTargetDaemonWasKilledAndRestarted() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3)
                .heartbeat(Duration.ofMillis(500), SLOW_DOWN).start(Duration.ofSeconds(90));
             ProcessClient client = new ProcessClient(cluster.node(1))) {
            RunHandle run = client.run(2, dir, "sh", "-c", "sleep 3; exit 7");
            long gpid = run.awaitStarted().getGpid();

            cluster.node(2).kill();
            assertThat(client.list().getMissingNodesList()).as("online but not answering").containsExactly(2);
            cluster.node(2).start();

            ProcessExit exit = run.awaitExit(Duration.ofSeconds(120));
            assertThat(exit.getStatus()).isEqualTo(7);
            assertThat(exit.getError()).isEmpty();
            // The whole log: when node 1 leads the Raft group, the lost follower's warnings follow the line in dozens.
            assertThat(cluster.node(1).logTail(Integer.MAX_VALUE)).contains("lost the stream of process " + gpid);
        }
    }

    @Test
    void outputWrittenWhileTheTargetDaemonWasDownArrivesOnceAndInOrder() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3)
                .heartbeat(Duration.ofMillis(500), SLOW_DOWN).start(Duration.ofSeconds(90));
             ProcessClient client = new ProcessClient(cluster.node(1))) {
            RunHandle run = client.run(2, dir, "sh", "-c", "echo before; echo e1 >&2; " + waitFor("go1")
                    + "echo while-down; echo e2 >&2; " + waitFor("go2") + "echo after; exit 5");
            long gpid = run.awaitStarted().getGpid();
            await().atMost(RunHandle.PATIENCE).until(() -> run.stdout().equals("before\n"));

            cluster.node(2).kill();
            Files.createFile(dir.resolve("go1"));
            Path spool = cluster.node(2).procs().resolve(Long.toString(gpid)).resolve("stdout");
            await().atMost(RunHandle.PATIENCE).until(() -> Files.readString(spool).equals("before\nwhile-down\n"));
            cluster.node(2).start();

            await().atMost(Duration.ofSeconds(120)).until(() -> run.stdout().equals("before\nwhile-down\n"));
            Files.createFile(dir.resolve("go2"));
            ProcessExit exit = run.awaitExit(Duration.ofSeconds(120));

            assertThat(exit.getStatus()).isEqualTo(5);
            assertThat(run.stdout()).isEqualTo("before\nwhile-down\nafter\n");
            assertThat(run.stderr()).isEqualTo("e1\ne2\n");
            assertThat(cluster.node(2).logTail(Integer.MAX_VALUE)).contains("re-attached to process " + gpid);
        }
    }

    @Test
    void aTargetNodeMarkedDownEndsTheRunWith255() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3)
                .heartbeat(Duration.ofMillis(300), Duration.ofSeconds(2)).start(Duration.ofSeconds(90));
             ProcessClient client = new ProcessClient(cluster.node(1))) {
            RunHandle run = client.run(2, dir, "sleep", "1000");
            run.awaitStarted();

            cluster.node(2).kill();
            ProcessExit exit = run.awaitExit(Duration.ofSeconds(60));

            assertThat(exit.getStatus()).isEqualTo(255);
            assertThat(exit.getError()).isEqualTo("node 2 was lost while running the process");
        }
    }

    @Test
    void whenTheOriginDaemonDiesTheProcessRunsOnAndItsExitIsRecorded() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3)
                .heartbeat(Duration.ofMillis(500), SLOW_DOWN).start(Duration.ofSeconds(90));
             ProcessClient viaNode3 = new ProcessClient(cluster.node(3));
             ProcessClient viaNode1 = new ProcessClient(cluster.node(1))) {
            RunHandle run = viaNode3.run(2, dir, "sh", "-c", waitFor("go") + "exit 4");
            long gpid = run.awaitStarted().getGpid();

            cluster.node(3).kill();
            assertThat(run.awaitError().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            // Node 3 may have led the Raft group: until the two left elect a leader, calls say "no quorum".
            await().atMost(RunHandle.PATIENCE).ignoreException(StatusRuntimeException.class).untilAsserted(() ->
                    assertThat(viaNode1.signal(0, gpid).getResults(0).getError()).as("still running").isEmpty());

            Files.createFile(dir.resolve("go"));
            await().atMost(RunHandle.PATIENCE).untilAsserted(() ->
                    assertThat(viaNode1.signal(0, gpid).getResults(0).getError()).isEqualTo("no such process"));
            await().atMost(RunHandle.PATIENCE).until(() ->
                    cluster.node(2).logTail(Integer.MAX_VALUE).contains("process " + gpid + " ended with status 4"));
        }
    }

    private static String waitFor(String file) {
        return "while [ ! -e " + file + " ]; do sleep 0.05; done; ";
    }
}
