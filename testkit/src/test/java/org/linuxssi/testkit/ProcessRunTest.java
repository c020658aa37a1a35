package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessInfo;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.Started;

/** krgrun's path through real daemons: output, exit status, signals, the process list, bad input. */
class ProcessRunTest extends ThreeNodeClusterTest {

    @Test
    void runsOnAnotherNodeWithItsOutputAndExitStatus() throws Exception {
        RunHandle run = node1.run(2, dir, "sh", "-c", "echo out; echo err >&2; exit 3");
        Started started = run.awaitStarted();
        ProcessExit exit = run.awaitExit();

        assertThat(started.getNodeId()).isEqualTo(2);
        assertThat(started.getGpid() / 10_000_000).isEqualTo(2);
        assertThat(run.stdout()).isEqualTo("out\n");
        assertThat(run.stderr()).isEqualTo("err\n");
        assertThat(exit.getStatus()).isEqualTo(3);
        assertThat(exit.getExitCode()).isEqualTo(3);
        assertThat(exit.getError()).isEmpty();
        Path state = cluster.node(2).procs().resolve(Long.toString(started.getGpid()));
        await().atMost(RunHandle.PATIENCE).until(() -> !Files.exists(state));
    }

    @Test
    void aProgramKilledBySigkillEndsWith137() throws Exception {
        RunHandle run = node1.run(2, dir, "sh", "-c", "kill -9 $$");
        ProcessExit exit = run.awaitExit();

        assertThat(exit.getStatus()).isEqualTo(137);
        assertThat(exit.getSignal()).isEqualTo(9);
        assertThat(exit.getSignalName()).isEqualTo("SIGKILL");
    }

    @Test
    void sigintOnTheStreamEndsTheProgramWith130() throws Exception {
        RunHandle run = node1.run(2, dir, "sleep", "100");
        long gpid = run.awaitStarted().getGpid();
        ListProcessesRequest onNode2 = ListProcessesRequest.newBuilder().setNodeId(2).build();
        assertThat(node1.list(onNode2).getProcessesList()).extracting(ProcessInfo::getGpid).contains(gpid);

        run.signal(2);
        ProcessExit exit = run.awaitExit();

        assertThat(exit.getStatus()).isEqualTo(130);
        assertThat(exit.getSignalName()).isEqualTo("SIGINT");
        assertThat(node1.list(onNode2).getProcessesList()).extracting(ProcessInfo::getGpid).doesNotContain(gpid);
    }

    @Test
    void theClusterListShowsAProcessOfAnotherNodeAndSignalEndsIt() throws Exception {
        RunHandle run = node1.run(3, dir, "sleep", "100");
        long gpid = run.awaitStarted().getGpid();

        // Listed at once; its command line is sleep's once the shepherd's child has called execve.
        await().atMost(RunHandle.PATIENCE).untilAsserted(() -> {
            ListProcessesReply list = node1.list();
            assertThat(list.getMissingNodesList()).isEmpty();
            ProcessInfo info = list.getProcessesList().stream().filter(p -> p.getGpid() == gpid).findFirst()
                    .orElseThrow();
            assertThat(info.getNodeId()).isEqualTo(3);
            assertThat(info.getOriginNodeId()).isEqualTo(1);
            assertThat(info.getCommand()).isEqualTo("sleep 100");
            assertThat(info.getManaged()).isTrue();
            assertThat(info.getUser()).isEqualTo(System.getProperty("user.name"));
            assertThat(info.getStat()).startsWith("S");
            assertThat(info.getRssKb()).isPositive();
        });

        SignalReply reply = node1.signal(15, gpid, 42);
        assertThat(reply.getResults(0).getGpid()).isEqualTo(gpid);
        assertThat(reply.getResults(0).getError()).isEmpty();
        assertThat(reply.getResults(1).getError()).isEqualTo("no such process");
        assertThat(run.awaitExit().getStatus()).isEqualTo(143);
        assertThat(node1.signal(15, gpid).getResults(0).getError()).isEqualTo("no such process");
    }

    @Test
    void listingEveryProcessShowsUnmanagedOnesWithTheirNodesGpid() {
        long daemon2 = cluster.node(2).pid().orElseThrow();
        ListProcessesReply all = node1.list(ListProcessesRequest.newBuilder().setAll(true).setNodeId(2).build());

        ProcessInfo info = all.getProcessesList().stream().filter(p -> p.getGpid() == 20_000_000L + daemon2)
                .findFirst().orElseThrow();
        assertThat(info.getManaged()).isFalse();
        assertThat(info.getCommand()).contains("org.linuxssi.node.LinuxSsiDaemon");
    }

    @Test
    void withoutANodeTheProcessRunsOnAnOnlineNode() throws Exception {
        RunHandle run = node1.run(0, dir, "true");
        assertThat(run.awaitStarted().getNodeId()).isBetween(1, 3);
        assertThat(run.awaitExit().getStatus()).isZero();
    }

    @Test
    void anUnknownNodeIsRefusedNamingTheOnlineOnes() throws Exception {
        Status error = node1.run(7, dir, "true").awaitError();
        assertThat(error.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(error.getDescription()).isEqualTo("node 7 is not online (online nodes: 1,2,3)");
    }

    @Test
    void aMissingProgramEndsWith127AndSaysWhy() throws Exception {
        RunHandle run = node1.run(2, dir, "no-such-program-here", "x");
        ProcessExit exit = run.awaitExit();
        assertThat(exit.getStatus()).isEqualTo(127);
        assertThat(exit.getError()).isEqualTo("cannot execute 'no-such-program-here' on node 2: No such file or directory");
    }

    @Test
    void aCwdMissingOnTheTargetIsRefusedNamingItAndTheNode() throws Exception {
        Status error = node1.run(2, dir.resolve("not-here"), "true").awaitError();
        assertThat(error.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(error.getDescription()).isEqualTo("cwd " + dir.resolve("not-here") + " does not exist on node 2");
    }

    @Test
    void inputReachesTheProgramAndEndOfInputEndsIt() throws Exception {
        RunHandle run = node1.run(3, dir, "sh", "-c", "tr a-z A-Z; echo done");
        run.stdin(com.google.protobuf.ByteString.copyFromUtf8("hello\n"));
        run.stdin(com.google.protobuf.ByteString.copyFromUtf8("world\n"));
        run.stdinEof();
        assertThat(run.awaitExit().getStatus()).isZero();
        assertThat(run.stdout()).isEqualTo("HELLO\nWORLD\ndone\n");
    }

    @Test
    void aCallerThatSendsNothingMoreEndsTheInput() throws Exception {
        RunHandle run = node1.run(3, dir, "sh", "-c", "cat; echo eof");
        run.halfClose();
        assertThat(run.awaitExit().getStatus()).isZero();
        assertThat(run.stdout()).isEqualTo("eof\n");
    }

    @Test
    void aTerminalIsAllocatedWhenAskedAndFollowsTheWindowSize() throws Exception {
        RunHandle run = node1.runOnTerminal(2, dir, 30, 100, "sh", "-c", "stty size; read line; stty size; "
                + "echo got:$line");
        await().atMost(RunHandle.PATIENCE).until(() -> run.stdout().contains("30 100\r\n"));
        run.window(40, 120);
        run.stdin(com.google.protobuf.ByteString.copyFromUtf8("abc\n"));

        assertThat(run.awaitExit().getStatus()).isZero();
        assertThat(run.stdout()).isEqualTo("30 100\r\nabc\r\n40 120\r\ngot:abc\r\n");
    }
}
