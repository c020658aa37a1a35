package org.linuxssi.tools.krgadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linuxssi.tools.KrgadmRun;

class NodeConfigureCommandTest {

    @TempDir
    Path dir;

    private KrgadmRun configure(Path config, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "node";
        all[1] = "configure";
        all[2] = "--config";
        all[3] = config.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return KrgadmRun.of(all);
    }

    @Test
    void createsTheFileAndItsDirectory() throws Exception {
        Path config = dir.resolve("etc/linuxssi/node.conf");
        KrgadmRun run = configure(config, "--session-id", "42", "--node-id", "auto",
                "--managers", "10.0.0.1:7470,10.0.0.2", "--cluster-network", "10.0.0.0/24");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Created " + config);
        assertThat(Files.readAllLines(config)).containsExactly(
                "# LinuxSSI node configuration, see krgadm node configure --help",
                "session_id = 42", "node_id = auto", "managers = 10.0.0.1:7470,10.0.0.2",
                "cluster_network = 10.0.0.0/24");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r--r--");
    }

    @Test
    void updatesKeysInPlaceAndKeepsEverythingElse() throws Exception {
        Path config = dir.resolve("node.conf");
        Files.write(config, List.of(
                "# site settings",
                "session_id = 1",
                "  # node_id = 99 (an example, not a setting)",
                "log_level = debug",
                "node_id=7",
                "",
                "node_id = 8",
                "cluster_network = 192.168.1.0/24"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r-----"));
        KrgadmRun run = configure(config, "--session-id", "9999", "--node-id", "auto", "--managers", "m1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Updated " + config);
        assertThat(Files.readAllLines(config)).containsExactly(
                "# site settings",
                "session_id = 9999",
                "  # node_id = 99 (an example, not a setting)",
                "log_level = debug",
                "node_id = auto",
                "",
                "cluster_network = 192.168.1.0/24",
                "managers = m1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(config);
        }
    }

    @Test
    void autoNeedsAClusterNetwork() {
        Path config = dir.resolve("node.conf");
        KrgadmRun run = configure(config, "--session-id", "3", "--node-id", "auto");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgadm: --node-id auto needs the cluster network: give --cluster-network "
                + "CIDR (e.g. 192.168.1.0/24), or a node id from 1 to 4094");
        assertThat(config).doesNotExist();
    }

    @Test
    void aFixedNodeIdNeedsNoNetwork() throws Exception {
        Path config = dir.resolve("node.conf");
        assertThat(configure(config, "--session-id", "3", "--node-id", "4094").exitCode()).isZero();
        assertThat(Files.readAllLines(config)).contains("session_id = 3", "node_id = 4094");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--session-id | 0     | Invalid value for option '--session-id': 0 is out of range (a session id (expected 1-9999))",
            "--session-id | 10000 | Invalid value for option '--session-id': 10000 is out of range",
            "--session-id | abc   | Invalid value for option '--session-id': 'abc' is not a session id (expected 1-9999)",
            "--node-id    | 0     | Invalid value for option '--node-id': 0 is out of range (a node id (expected auto or 1-4094))",
            "--node-id    | 4095  | Invalid value for option '--node-id': 4095 is out of range",
            "--node-id    | Auto  | Invalid value for option '--node-id': 'Auto' is not a node id (expected auto or 1-4094)",
    })
    void refusesIdsOutOfRange(String option, String value, String message) {
        Path config = dir.resolve("node.conf");
        String[] args = option.equals("--session-id")
                ? new String[] {"--session-id", value, "--node-id", "1"}
                : new String[] {"--session-id", "1", "--node-id", value};
        KrgadmRun run = configure(config, args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgadm: " + message);
        assertThat(config).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--managers        | a b         | 'a b' in 'a b' is not a manager",
            "--managers        | m1,,m2      | empty item in 'm1,,m2' is not a manager",
            "--managers        | m1:70000    | port 70000 of manager 'm1:70000' is out of range",
            "--cluster-network | 10.0.0.0    | '10.0.0.0' is not an IPv4 network (expected ADDRESS/PREFIX",
            "--cluster-network | 10.0.0.0/33 | '10.0.0.0/33' is not an IPv4 network",
            "--cluster-network | 300.0.0.0/8 | '300.0.0.0/8' is not an IPv4 network",
    })
    void refusesBadManagersAndNetworks(String option, String value, String message) {
        KrgadmRun run = configure(dir.resolve("node.conf"), "--session-id", "1", "--node-id", "1", option, value);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("krgadm: Invalid value for option '" + option + "': " + message);
    }

    @Test
    void bothIdsAreRequired() {
        KrgadmRun run = configure(dir.resolve("node.conf"), "--node-id", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--session-id");
    }

    @Test
    void aFileThatCannotBeWrittenIsAFailureNotAStackTrace() throws Exception {
        Path notADirectory = dir.resolve("plain-file");
        Files.writeString(notADirectory, "x");
        KrgadmRun run = configure(notADirectory.resolve("node.conf"), "--session-id", "1", "--node-id", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("krgadm: cannot write " + notADirectory.resolve("node.conf") + ": ")
                .doesNotContain("\tat ");
    }
}
