package org.linuxssi.tools.krgkill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.api.v1.SignalResult;
import org.linuxssi.tools.FakeDaemon;
import org.linuxssi.tools.Krgkill;
import org.linuxssi.tools.ToolRun;

/** krgkill's parsing, requests and per-GPID errors against a fake daemon. */
class KrgkillTest {

    private static final String NL = System.lineSeparator();

    private FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new FakeDaemon();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    private ToolRun krgkill(String... args) {
        return ToolRun.of((out, err) -> Krgkill.run(args, out, err,
                Map.of("LINUXSSI_SOCKET", daemon.socket().toString())));
    }

    private SignalRequest onlyRequest() {
        assertThat(daemon.processes.requests).hasSize(1);
        return (SignalRequest) daemon.processes.requests.get(0);
    }

    @Test
    void termByDefault() {
        ToolRun run = krgkill("20004242", "30000007");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(onlyRequest()).isEqualTo(SignalRequest.newBuilder().addGpids(20_004_242L).addGpids(30_000_007L)
                .setSignal(15).build());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"-s,KILL,9", "-s,9,9", "-s,SIGUSR1,10", "--signal,hup,1", "-s,0,0", "-s,RTMIN+1,35"})
    void theSignalOption(String option, String value, int number) {
        assertThat(krgkill(option, value, "20004242").exitCode()).isZero();
        assertThat(onlyRequest().getSignal()).isEqualTo(number);
    }

    @ParameterizedTest
    @CsvSource({"-9,9", "-KILL,9", "-SIGKILL,9", "-usr2,12", "-1,1"})
    void killsShortForms(String form, int number) {
        assertThat(krgkill(form, "20004242").exitCode()).isZero();
        assertThat(onlyRequest().getSignal()).isEqualTo(number);
    }

    @Test
    void aMalformedGpidIsAUsageErrorAndNothingIsSent() {
        ToolRun run = krgkill("20004242", "abc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgkill: 'abc' is not a global PID (expected a number like 20004242)" + NL);
        assertThat(daemon.processes.requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.5", "99999999999999999999", "+5", "0x10"})
    void gpidsArePositiveIntegers(String gpid) {
        ToolRun run = krgkill("-s", "KILL", "--", gpid);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgkill: '" + gpid + "' is not a global PID");
    }

    @Test
    void anUnknownSignalIsAUsageError() {
        ToolRun run = krgkill("-s", "FOO", "20004242");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgkill: Invalid value for option '--signal': unknown signal 'FOO' "
                + "(expected a name like TERM, KILL or SIGUSR1, or a number 0-64; krgkill -l lists them)");
        assertThat(krgkill("-FOO", "20004242").exitCode()).isEqualTo(2);
    }

    @Test
    void noGpidIsAUsageError() {
        ToolRun run = krgkill("-s", "KILL");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgkill: no global PID given");
    }

    @Test
    void eachFailedGpidIsOneLineAndTheExitIsOne() {
        daemon.processes.signalReply = SignalReply.newBuilder()
                .addResults(SignalResult.newBuilder().setGpid(20_004_242L))
                .addResults(SignalResult.newBuilder().setGpid(30_000_007L).setError("no such process"))
                .addResults(SignalResult.newBuilder().setGpid(10_000_001L).setError("not permitted"))
                .build();
        ToolRun run = krgkill("-9", "20004242", "30000007", "10000001");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("krgkill: 30000007: no such process" + NL
                + "krgkill: 10000001: not permitted" + NL);
    }

    @Test
    void minusLListsTheSignals() {
        ToolRun run = krgkill("-l");
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).startsWith("1 HUP", "2 INT", "3 QUIT").contains("9 KILL", "15 TERM", "34 RTMIN")
                .endsWith("64 RTMAX");
        assertThat(daemon.processes.requests).isEmpty();
    }

    @Test
    void minusLTranslatesNamesNumbersAndExitStatuses() {
        ToolRun run = krgkill("-l", "9", "KILL", "sigusr1", "137");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("KILL" + NL + "9" + NL + "10" + NL + "KILL" + NL);
        assertThat(krgkill("-l", "FOO").exitCode()).isEqualTo(2);
    }

    @Test
    void help() {
        ToolRun run = krgkill("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: krgkill").contains("-s, --signal=SIGNAL", "GPID");
    }
}
