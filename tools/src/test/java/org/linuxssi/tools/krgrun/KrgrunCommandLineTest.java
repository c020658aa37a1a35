package org.linuxssi.tools.krgrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linuxssi.tools.Krgrun;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.ToolRun;

/** Everything krgrun decides before it talks to a daemon; none runs here. */
class KrgrunCommandLineTest {

    private static final String NL = System.lineSeparator();
    private static final Map<String, String> NO_DAEMON = Map.of("LINUXSSI_SOCKET", "/tmp/lssi-none/ssi.sock");

    private static ToolRun krgrun(String... args) {
        LocalSide local = LocalSide.inProcess().withStdin(new ByteArrayInputStream(new byte[0]), false);
        return ToolRun.of((out, err) -> Krgrun.run(args, local, out, err, NO_DAEMON));
    }

    @Test
    void aMissingProgramIsAUsageError() {
        ToolRun run = krgrun("-n", "2");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("krgrun: Missing required parameter: 'PROGRAM'" + NL
                + "Try 'krgrun --help' for more information." + NL);
        assertThat(krgrun().exitCode()).isEqualTo(2);
        assertThat(krgrun("").err()).startsWith("krgrun: PROGRAM is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4095", "-3", "two", "99999999999"})
    void aNodeOutsideOneTo4094IsAUsageError(String node) {
        ToolRun run = krgrun("-n", node, "true");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgrun: Invalid value for option '--node': ").contains(node)
                .contains("1-4094").contains("Try 'krgrun --help'");
    }

    @Test
    void aBadMemorySizeNamesTheValueAndTheForms() {
        ToolRun run = krgrun("--mem", "12X", "true");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgrun: Invalid value for option '--mem': '12X' is not a memory size "
                + "(expected bytes or a size with K, M, G or T, e.g. 1048576, 1024K, 512M, 2G)" + NL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOVALUE", "=x", ""})
    void anEnvironmentAssignmentNeedsANameAndAnEqualsSign(String assignment) {
        ToolRun run = krgrun("-e", assignment, "true");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgrun: Invalid value for option '--env' (VAR=VALUE): '" + assignment
                + "' is not an environment assignment (expected VAR=VALUE, e.g. -e LANG=C)");
    }

    @Test
    void unknownOptionsBeforeTheProgramAreUsageErrors() {
        ToolRun run = krgrun("--bogus", "true");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bogus").doesNotContain("Exception");
    }

    @Test
    void helpAndVersion() {
        ToolRun help = krgrun("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: krgrun").contains("--print-gpid", "--mem", "Exit status");
        assertThat(krgrun("--version").out()).isEqualTo("krgrun (LinuxSSI) 0.1.0, protocol 1.0" + NL);
    }

    @Test
    void noDaemonIsOneLineAndExitOne() {
        ToolRun run = krgrun("true");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("LinuxSSI is not running on this node (no daemon at /tmp/lssi-none/ssi.sock)"
                + NL);
    }
}
