package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A real linuxssid given a bad node.conf prints one clear line, exits non-zero and starts nothing. */
class BadConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "session_id = 0|session_id = 0 is not allowed (allowed: a number from 1 to 9999)",
        "node_id = 5000|node_id = 5000 is not allowed (allowed: auto or a number from 1 to 4094)",
        "sesion_id = 3|unknown key 'sesion_id'",
        "cluster_network = 10.0.0/24|'10.0.0/24' is not a network (expected IPv4 address/prefix, e.g. 192.168.1.0/24)",
        "cluster_network = 10.0.0.0/40|has prefix length '40' (allowed: 1 to 31)",
        "port = http|port 'http' is not a number from 1 to 65534",
        "heartbeat_timeout = soon|heartbeat_timeout = soon is not a duration",
        "auto_add = maybe|auto_add = maybe is not allowed (allowed: true or false)",
    })
    void badValueIsRefusedInOneLine(String line, String expected) throws Exception {
        Path socket = dir.resolve("ssi.sock");
        String base = "session_id = 7\nnode_id = 3\nbind_address = 127.0.0.1\nstate_dir = " + dir.resolve("state")
                + "\nsocket = " + socket + "\n";
        String key = line.substring(0, line.indexOf('=')).trim();
        StringBuilder config = new StringBuilder();
        for (String existing : base.split("\n")) {
            if (!existing.startsWith(key + " ")) {
                config.append(existing).append('\n');
            }
        }
        config.append(line).append('\n');
        Path file = dir.resolve("node.conf");
        Files.writeString(file, config.toString(), StandardCharsets.UTF_8);

        Result result = runDaemon(file);

        assertThat(result.code).as(result.output).isEqualTo(2);
        assertThat(result.output.lines().filter(l -> !l.startsWith("WARNING")).toList())
                .as(result.output).hasSize(1);
        assertThat(result.output).startsWith("linuxssid: " + file + ":").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(socket).doesNotExist();
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void missingFileIsNamed() throws Exception {
        Path file = dir.resolve("absent.conf");
        Result result = runDaemon(file);
        assertThat(result.code).isEqualTo(2);
        assertThat(result.output).contains("linuxssid: " + file + ": no such file");
    }

    private record Result(int code, String output) {
    }

    private static Result runDaemon(Path config) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DaemonLauncher.defaultJvmOptions());
        command.addAll(List.of("-cp", DaemonLauncher.classPath(), DaemonLauncher.MAIN_CLASS, "--config",
                config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("linuxssid did not exit on a bad config: " + output);
            }
            return new Result(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
