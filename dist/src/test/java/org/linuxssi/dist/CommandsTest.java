package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CommandsTest {

    /** The checkout: surefire runs in dist/. */
    private static final Path SOURCE = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MAIN_CLASS = Pattern.compile("linuxssi_exec (org\\.linuxssi\\.(tools|node)\\.\\S+)");

    @Test
    void everyCommandHasItsLauncherInBinAndItsOwnName() throws IOException {
        for (PackagedCommand command : Commands.ALL) {
            Path launcher = SOURCE.resolve("bin").resolve(command.name());
            assertThat(launcher).as("bin/ launcher of " + command.name()).isRegularFile().isExecutable();
            assertThat(Files.readString(launcher)).contains("lib/common.sh").contains("linuxssi_exec ");
            assertThat(command.commandLineForDocs().getCommandName()).isEqualTo(command.name());
        }
    }

    @Test
    void everyLauncherOfAToolOrOfTheDaemonIsPackaged() throws IOException {
        List<String> packaged = Commands.ALL.stream().map(PackagedCommand::name).toList();
        try (Stream<Path> launchers = Files.list(SOURCE.resolve("bin"))) {
            for (Path launcher : launchers.filter(Files::isRegularFile).sorted().toList()) {
                Matcher main = MAIN_CLASS.matcher(Files.readString(launcher));
                if (main.find()) {
                    assertThat(packaged)
                            .as("bin/" + launcher.getFileName() + " runs " + main.group(1)
                                    + ": add it to Commands.ALL so that the packages install it")
                            .contains(launcher.getFileName().toString());
                }
            }
        }
    }

    @Test
    void toolsGoToUsrBinAndSectionOneTheDaemonToUsrSbinAndSectionEight() {
        for (PackagedCommand command : Commands.ALL) {
            if (command.owner() == PackagedCommand.Owner.NODE) {
                assertThat(command.installedPath()).isEqualTo("/usr/sbin/" + command.name());
                assertThat(command.manSection()).isEqualTo(8);
            } else {
                assertThat(command.installedPath()).isEqualTo("/usr/bin/" + command.name());
                assertThat(command.manSection()).isEqualTo(1);
            }
        }
    }
}
