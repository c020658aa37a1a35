package org.linuxssi.tools.krgtop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.ProcessInfo;
import org.linuxssi.api.v1.Resources;
import org.linuxssi.tools.FakeDaemon;
import org.linuxssi.tools.Krgtop;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.RecordingSignalTrap;
import org.linuxssi.tools.RecordingTerminal;
import org.linuxssi.tools.TerminalSize;
import org.linuxssi.tools.ToolRun;

/** krgtop's screens against a fake daemon. */
@Timeout(30)
class KrgtopTest {

    private static final String NL = System.lineSeparator();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:04:05Z"), ZoneOffset.UTC);
    private static final long TODAY = Instant.parse("2026-11-26T09:05:00Z").toEpochMilli();

    private FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new FakeDaemon();
        daemon.nodes = ListNodesReply.newBuilder()
                .addNodes(node(2, NodeState.ONLINE, 8, 1.5, 16_384_000, 8_192_000))
                .addNodes(node(1, NodeState.ONLINE, 4, 0.25, 8_192_000, 4_096_000))
                .addNodes(NodeInfo.newBuilder().setNodeId(3).setState(NodeState.DOWN))
                .build();
        daemon.processes.processList = ListProcessesReply.newBuilder()
                .addProcesses(process(10_000_100L, 0.5, "idle"))
                .addProcesses(process(20_004_242L, 180.0, "sim"))
                .addProcesses(process(10_000_200L, 12.0, "make"))
                .build();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    private static NodeInfo node(int id, NodeState state, int cpus, double load, long totalKb, long freeKb) {
        return NodeInfo.newBuilder().setNodeId(id).setState(state).setResources(Resources.newBuilder().setCpus(cpus)
                .setLoad1(load).setLoad5(load / 2).setLoad15(load / 4).setMemTotalKb(totalKb).setMemFreeKb(freeKb))
                .build();
    }

    private static ProcessInfo process(long gpid, double cpu, String command) {
        return ProcessInfo.newBuilder().setGpid(gpid).setNodeId((int) (gpid / 10_000_000)).setUser("ann")
                .setCpuPercent(cpu).setRssKb(100).setStat("R").setStartMs(TODAY).setCpuTimeMs(1000)
                .setCommand(command).build();
    }

    private ToolRun krgtop(LocalSide local, String... args) {
        return ToolRun.of((out, err) -> Krgtop.run(args, local.withClock(CLOCK), out, err,
                Map.of("LINUXSSI_SOCKET", daemon.socket().toString())));
    }

    private ToolRun krgtop(String... args) {
        return krgtop(LocalSide.inProcess(), args);
    }

    private static final List<String> SCREEN = List.of(
            "krgtop - 15:04:05, 2 nodes online, 12 CPUs, memory 12000/24000 MB used, 3 processes",
            "node 1: online, 4 CPUs, load 0.25 0.13 0.06, memory 4000/8000 MB used",
            "node 2: online, 8 CPUs, load 1.50 0.75 0.38, memory 8000/16000 MB used",
            "node 3: down",
            "",
            "    GPID NODE USER  %CPU RSS STAT START     TIME COMMAND",
            "20004242    2 ann  180.0 100 R    09:05 00:00:01 sim",
            "10000200    1 ann   12.0 100 R    09:05 00:00:01 make",
            "10000100    1 ann    0.5 100 R    09:05 00:00:01 idle");

    @Test
    void batchModePrintsKScreensAndExits() {
        ToolRun run = krgtop("-b", "-n", "2", "-d", "0");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String screen = String.join(NL, SCREEN) + NL;
        assertThat(run.out()).isEqualTo(screen + NL + screen);
        assertThat(run.out()).doesNotContain("\033");
        assertThat(daemon.requests).containsExactly(ListNodesRequest.getDefaultInstance(),
                ListNodesRequest.getDefaultInstance());
        assertThat(daemon.processes.requests).containsExactly(ListProcessesRequest.getDefaultInstance(),
                ListProcessesRequest.getDefaultInstance());
    }

    @Test
    void nodesThatDidNotAnswerAreOnTheScreen() {
        daemon.processes.processList = daemon.processes.processList.toBuilder().addMissingNodes(4).build();
        assertThat(krgtop("-b", "-n", "1").out().lines()).contains("node 4: did not answer; its processes are missing");
    }

    @Test
    void interactiveModeClearsRedrawsAndQuitsOnQ() {
        RecordingTerminal terminal = new RecordingTerminal();
        terminal.size = new TerminalSize(8, 40);
        RecordingSignalTrap signals = new RecordingSignalTrap();
        LocalSide local = LocalSide.inProcess()
                .withStdin(new ByteArrayInputStream("xq".getBytes(StandardCharsets.US_ASCII)), true)
                .withTerminal(terminal).withSignals(signals, () -> { });
        ToolRun run = krgtop(local, "-d", "60");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("\033[H\033[2J");
        List<String> lines = run.out().substring("\033[H\033[2J".length()).lines().toList();
        assertThat(lines).hasSize(7).allMatch(line -> line.length() <= 40);
        assertThat(lines.get(0)).isEqualTo(SCREEN.get(0).substring(0, 40));
        assertThat(terminal.events).containsExactly("-icanon -echo min 1", "restore");
        assertThat(signals.trapped).isCompletedWithValue(List.of("INT", "TERM"));
        assertThat(signals.released).isTrue();
    }

    @Test
    void interactiveModeQuitsOnCtrlC() {
        RecordingSignalTrap signals = new RecordingSignalTrap();
        LocalSide local = LocalSide.inProcess().withStdin(InputStreamThatNeverEnds.INSTANCE, true)
                .withSignals(signals, () -> { });
        signals.trapped.thenRun(() -> signals.deliver(2));
        ToolRun run = krgtop(local, "-d", "60");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("\033[H\033[2J");
    }

    @Test
    void interactiveModeStopsAfterKScreensToo() {
        LocalSide local = LocalSide.inProcess().withStdin(InputStreamThatNeverEnds.INSTANCE, true);
        ToolRun run = krgtop(local, "-n", "2", "-d", "0");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().split("\033\\[H\033\\[2J", -1)).hasSize(3);
    }

    @Test
    void fitCutsLinesAndRows() {
        assertThat(KrgtopCommand.fit(List.of("abcdef", "gh", "ij"), Optional.of(new TerminalSize(3, 4))))
                .containsExactly("abcd", "gh");
        assertThat(KrgtopCommand.fit(List.of("abcdef"), Optional.empty())).containsExactly("abcdef");
    }

    @Test
    void badIterationsAndDelaysAreUsageErrors() {
        ToolRun none = krgtop("-b", "-n", "0");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("krgtop: Invalid value for option '--iterations': 0 (expected 1 or more)");
        ToolRun negative = krgtop("-b", "-d", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).startsWith("krgtop: Invalid value for option '--delay': -1 (expected seconds");
        assertThat(krgtop("-b", "-d", "soon").exitCode()).isEqualTo(2);
        assertThat(daemon.requests).isEmpty();
    }

    /** A keyboard nobody types on. */
    private static final class InputStreamThatNeverEnds extends java.io.InputStream {
        static final InputStreamThatNeverEnds INSTANCE = new InputStreamThatNeverEnds();

        @Override
        public int read() {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }
}
