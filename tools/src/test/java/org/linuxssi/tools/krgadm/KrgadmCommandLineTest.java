package org.linuxssi.tools.krgadm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.linuxssi.tools.KrgadmRun;

/** Everything krgadm decides before it talks to a daemon; no daemon runs here, and none is needed. */
class KrgadmCommandLineTest {

    // Would be used if a command wrongly went on to call the daemon; the tests then see "not running".
    private static final String NO_DAEMON = "/tmp/lssi-none/ssi.sock";

    private static KrgadmRun krgadm(String... args) {
        String[] withSocket = new String[args.length + 2];
        withSocket[0] = "--socket";
        withSocket[1] = NO_DAEMON;
        System.arraycopy(args, 0, withSocket, 2, args.length);
        return KrgadmRun.of(withSocket);
    }

    @Test
    void version() {
        KrgadmRun run = KrgadmRun.of("--version");
        assertThat(run.out()).isEqualTo("krgadm (LinuxSSI) 0.1.0, protocol 1.0" + System.lineSeparator());
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void noArgumentsPrintTheHelpAsKerrighedDid() {
        KrgadmRun run = KrgadmRun.of();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: krgadm").contains("cluster", "nodes", "node", "present", "online");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster", "cluster status", "cluster poweroff", "cluster reboot", "cluster init",
            "nodes", "nodes status", "nodes add", "nodes del", "node", "node configure", "scheduler",
            "scheduler show", "scheduler set"})
    void everyCommandHasHelp(String command) {
        KrgadmRun run = KrgadmRun.of((command + " --help").split(" "));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: krgadm " + command);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void moreThanOneSelectorIsRefusedWithKerrighedsMessage() {
        for (String[] args : new String[][] {{"nodes", "add", "-a", "-c", "2"}, {"nodes", "del", "-n", "2", "-t", "3"},
                {"nodes", "add", "--all", "--total", "3", "--nodes", "1-2"}}) {
            KrgadmRun run = krgadm(args);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith(
                    "krgadm: Only one of --all, --count, --total or --nodes option is supported. Aborting.");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void noSelectorIsRefused() {
        KrgadmRun run = krgadm("nodes", "del");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "krgadm: One of --all, --count, --total or --nodes option is required. Aborting." + System.lineSeparator()
                        + "Try 'krgadm nodes del --help' for more information." + System.lineSeparator());
    }

    @Test
    void aBadNodeListIsAUsageErrorNamingTheItem() {
        KrgadmRun run = krgadm("nodes", "add", "-n", "2,x-4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgadm: Invalid value for option '--nodes': 'x-4' in node list '2,x-4' "
                + "(expected item(,item)* where an item is ID or ID-ID, ids 1-4094, e.g. 2,3,6-10,42-45)");
        assertThat(run.err()).contains("Try 'krgadm nodes add --help' for more information.");
    }

    @Test
    void countsOutsideTheNodeRangeAreRefused() {
        KrgadmRun run = krgadm("nodes", "add", "--count", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(
                "krgadm: Invalid value for option '--count': 0 (expected a number of nodes from 1 to 4094)");
        assertThat(krgadm("nodes", "del", "-t", "5000").err()).startsWith(
                "krgadm: Invalid value for option '--total': 5000 (expected a number of nodes from 1 to 4094)");
    }

    @Test
    void aNegativeWaitIsRefused() {
        KrgadmRun run = krgadm("nodes", "add", "-a", "--wait", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgadm: Invalid value for option '--wait': -1");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        assertThat(krgadm("clutser").exitCode()).isEqualTo(2);
        KrgadmRun run = krgadm("nodes", "status", "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bogus").contains("Try 'krgadm nodes status --help'");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void nodeAloneAsksForItsSubcommand() {
        KrgadmRun run = KrgadmRun.of("node");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgadm: Missing subcommand (expected: configure)");
    }
}
