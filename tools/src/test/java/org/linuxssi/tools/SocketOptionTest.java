package org.linuxssi.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SocketOptionTest {

    @Command(name = "tool")
    static final class Tool {
        @Mixin
        SocketOption socket;
    }

    private static SocketOption parse(String... args) {
        Tool tool = new Tool();
        new CommandLine(tool).parseArgs(args);
        return tool.socket;
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        assertThat(parse("--socket", "/tmp/a.sock").resolve(Map.of(SocketOption.ENV, "/tmp/b.sock")))
                .isEqualTo(Path.of("/tmp/a.sock"));
    }

    @Test
    void theEnvironmentWinsOverTheDefault() {
        assertThat(parse().resolve(Map.of(SocketOption.ENV, "/tmp/b.sock"))).isEqualTo(Path.of("/tmp/b.sock"));
    }

    @Test
    void anEmptyVariableMeansTheDefault() {
        assertThat(parse().resolve(Map.of(SocketOption.ENV, ""))).isEqualTo(Path.of("/run/linuxssi/ssi.sock"));
        assertThat(parse().resolve(Map.of())).isEqualTo(Path.of("/run/linuxssi/ssi.sock"));
    }
}
