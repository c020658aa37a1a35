package org.linuxssi.tools.krgps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessInfo;
import org.linuxssi.tools.FakeDaemon;
import org.linuxssi.tools.Krgps;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.ToolRun;

/** krgps's requests, table and errors against a fake daemon. */
class KrgpsTest {

    private static final String NL = System.lineSeparator();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);
    static final long TODAY_0905 = Instant.parse("2026-11-26T09:05:00Z").toEpochMilli();
    static final long NOV_20 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    private FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new FakeDaemon();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    private ToolRun krgps(String... args) {
        return ToolRun.of((out, err) -> Krgps.run(args, LocalSide.inProcess().withClock(CLOCK), out, err,
                Map.of("LINUXSSI_SOCKET", daemon.socket().toString())));
    }

    static ProcessInfo process(long gpid, String user, double cpu, long rssKb, String stat, long startMs,
                               long cpuMs, String command) {
        return ProcessInfo.newBuilder().setGpid(gpid).setNodeId((int) (gpid / 10_000_000)).setUser(user)
                .setCpuPercent(cpu).setRssKb(rssKb).setStat(stat).setStartMs(startMs).setCpuTimeMs(cpuMs)
                .setCommand(command).setManaged(true).build();
    }

    static ListProcessesReply twoProcesses() {
        return ListProcessesReply.newBuilder()
                .addProcesses(process(120_000_042L, "bob", 0.5, 1_234_567, "S", NOV_20, 90_061_000, "sleep 1000"))
                .addProcesses(process(20_004_242L, "ann", 99.25, 5120, "R", TODAY_0905, 3_723_000, "./sim --steps 10"))
                .build();
    }

    @Test
    void theTableIsSortedByGpidAndAlignedLikePs() {
        daemon.processes.processList = twoProcesses();
        ToolRun run = krgps();
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(
                "     GPID NODE USER %CPU     RSS STAT START        TIME COMMAND" + NL
                + " 20004242    2 ann  99.3    5120 R    09:05    01:02:03 ./sim --steps 10" + NL
                + "120000042   12 bob   0.5 1234567 S    Nov20 01-01:01:01 sleep 1000" + NL);
        assertThat(daemon.processes.requests).containsExactly(ListProcessesRequest.getDefaultInstance());
    }

    @Test
    void anEmptyClusterStillPrintsTheHeader() {
        assertThat(krgps().out()).isEqualTo("GPID NODE USER %CPU RSS STAT START TIME COMMAND" + NL);
    }

    @Test
    void minusOChoosesAndOrdersTheColumnsInAnyCase() {
        daemon.processes.processList = twoProcesses();
        assertThat(krgps("-o", "USER,gpid,Command").out()).isEqualTo(
                "USER      GPID COMMAND" + NL
                + "ann   20004242 ./sim --steps 10" + NL
                + "bob  120000042 sleep 1000" + NL);
        assertThat(krgps("-o", "pcpu").out()).isEqualTo("%CPU" + NL + "99.3" + NL + " 0.5" + NL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpid,pid", "cpu", "gpid,,user"})
    void anUnknownColumnListsTheAllowedOnes(String format) {
        ToolRun run = krgps("-o", format);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgps: Invalid value for option '--format': ")
                .contains("(allowed: gpid,node,user,pcpu,rss,stat,start,time,command)");
        assertThat(daemon.processes.requests).isEmpty();
    }

    @Test
    void optionsBecomeTheRequest() {
        krgps("-a", "-u", "ann", "-n", "12");
        assertThat(daemon.processes.requests).containsExactly(
                ListProcessesRequest.newBuilder().setAll(true).setUser("ann").setNodeId(12).build());
    }

    @Test
    void aBadNodeIsAUsageError() {
        ToolRun run = krgps("-n", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgps: Invalid value for option '--node': node id 0 is out of range "
                + "(ids are 1-4094)");
    }

    @Test
    void nodesThatDidNotAnswerAreNamedOnStderr() {
        daemon.processes.processList = twoProcesses().toBuilder().addMissingNodes(5).addMissingNodes(3).build();
        ToolRun run = krgps();
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("krgps: node 3 did not answer" + NL + "krgps: node 5 did not answer" + NL);
        assertThat(run.out().lines()).hasSize(3);
    }

    @Test
    void controlCharactersInACommandAreShownAsQuestionMarks() {
        daemon.processes.processList = ListProcessesReply.newBuilder()
                .addProcesses(process(10_000_001L, "", 0, 0, "", 0, 0, "evil\nname\t")
                        .toBuilder().setUid(1001).build())
                .build();
        assertThat(krgps("-o", "user,stat,start,command").out()).isEqualTo(
                "USER STAT START COMMAND" + NL + "1001 -    -     evil?name?" + NL);
    }

    @Test
    void json() {
        daemon.processes.processList = twoProcesses();
        ToolRun run = krgps("--json");
        assertThat(run.out()).startsWith("{").contains("\"gpid\": \"20004242\"", "\"missing_nodes\": []");
    }

    @Test
    void aDaemonRefusalIsOneLine() {
        daemon.processes.failure = DaemonError.noQuorum("the cluster has no quorum");
        assertThat(krgps()).satisfies(run -> {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("krgps: the cluster has no quorum" + NL);
        });
    }
}
