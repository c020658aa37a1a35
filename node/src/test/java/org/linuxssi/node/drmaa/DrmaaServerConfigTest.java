package org.linuxssi.node.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.node.config.ConfigException;

/** krg-drmaa-server.conf: the shipped file, its one key, the places it is read from, and bad values. */
class DrmaaServerConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFileMeansTheUsersHome() throws Exception {
        Path shipped = Path.of("..", "dist", "etc", "linuxssi", "krg-drmaa-server.conf");
        DrmaaServerConfig config = DrmaaServerConfig.read(List.of(shipped));
        assertThat(config.workingDirectoryFor("/home/alice")).isEqualTo("/home/alice");
    }

    @Test
    void anAbsoluteDirectoryOrOneUnderHome() throws Exception {
        assertThat(DrmaaServerConfig.parse("working_directory = /scratch\n", "t").workingDirectoryFor("/home/a"))
                .isEqualTo("/scratch");
        assertThat(DrmaaServerConfig.parse("working_directory = $HOME/jobs\n", "t").workingDirectoryFor("/home/a"))
                .isEqualTo("/home/a/jobs");
    }

    @Test
    void theFirstPlaceThatHoldsTheFileWins() throws Exception {
        Path linuxssi = dir.resolve("etc-linuxssi/krg-drmaa-server.conf");
        Path xtreemos = Files.createDirectories(dir.resolve("xos")).resolve("krg-drmaa-server.conf");
        Files.writeString(xtreemos, "working_directory = /from/xtreemos\n");
        assertThat(DrmaaServerConfig.read(List.of(linuxssi, xtreemos)).workingDirectory()).isEqualTo("/from/xtreemos");
        assertThat(DrmaaServerConfig.read(List.of(dir.resolve("none"))).workingDirectory()).isEqualTo("$HOME");
    }

    @Test
    void aRelativeDirectoryOrAnUnknownKeyIsOneLine() {
        assertThatThrownBy(() -> DrmaaServerConfig.parse("\nworking_directory = jobs\n", "/etc/linuxssi/k.conf"))
                .isInstanceOf(ConfigException.class).hasMessage("/etc/linuxssi/k.conf:2: working_directory 'jobs' "
                        + "is neither an absolute path nor $HOME or $HOME/...");
        assertThatThrownBy(() -> DrmaaServerConfig.parse("workdir = /x\n", "k.conf"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'workdir'");
    }

    @Test
    void theMailCommandIsSendmailUnlessTheFileNamesAnotherAbsoluteProgram() throws Exception {
        assertThat(DrmaaServerConfig.parse("", "t").mailCommand()).containsExactly("/usr/sbin/sendmail", "-t", "-oi");
        assertThat(DrmaaServerConfig.parse("mail_command = /usr/bin/msmtp -t --read-envelope-from\n", "t")
                .mailCommand()).containsExactly("/usr/bin/msmtp", "-t", "--read-envelope-from");
        assertThatThrownBy(() -> DrmaaServerConfig.parse("mail_command = sendmail -t\n", "/etc/linuxssi/k.conf"))
                .hasMessageContaining("mail_command 'sendmail -t' must start with an absolute program path");
    }
}
