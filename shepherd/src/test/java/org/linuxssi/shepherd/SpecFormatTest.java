package org.linuxssi.shepherd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.shepherd.ShepherdSpec.Rlimit;

/** The spec and status format, on the Java side and as the binary enforces it. */
class SpecFormatTest {

    @TempDir
    Path root;
    ShepherdHarness shepherds;

    @BeforeEach
    void start() {
        shepherds = new ShepherdHarness(root);
    }

    @AfterEach
    void cleanUp() throws IOException {
        shepherds.close();
    }

    @Test
    void escapingRoundTripsEveryCharacterButNul() {
        StringBuilder all = new StringBuilder();
        for (char c = 1; c < 0x300; c++) {
            all.append(c);
        }
        all.append("✓\uD83D\uDE00");
        String escaped = KeyValueFormat.escape(all.toString());

        assertThat(escaped).doesNotContain("\n", "\r", "\t", "\u007f");
        assertThat(KeyValueFormat.unescape(escaped)).isEqualTo(all.toString());
        assertThatThrownBy(() -> KeyValueFormat.escape("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> KeyValueFormat.unescape("a\\qb")).hasMessageContaining("unknown escape");
    }

    @Test
    void renderedSpecIsTheDocumentedFormat() {
        ShepherdSpec spec = ShepherdSpec.builder(Path.of("/state/procs/170004242"), Path.of("/home/alice"),
                        List.of("sh", "-c", "echo \"a\tb\"\n"))
                .identity(1000, 1000, List.of(1000, 27)).umask(027).env("PATH", "/usr/bin:/bin")
                .limit(Rlimit.NOFILE, 1024, 4096).limit(Rlimit.CORE, 0, ShepherdSpec.Limit.UNLIMITED)
                .stdin(Stdio.fifo()).stdout(Stdio.spool()).stderr(Stdio.joinStdout()).build();

        assertThat(spec.render()).isEqualTo("""
                version=1
                state_dir=/state/procs/170004242
                uid=1000
                gid=1000
                groups=1000,27
                cwd=/home/alice
                umask=0027
                arg=sh
                arg=-c
                arg=echo "a\\tb"\\n
                env=PATH=/usr/bin:/bin
                rlimit_core=0:unlimited
                rlimit_nofile=1024:4096
                stdin=fifo
                stdout=spool
                stderr=stdout
                """);
    }

    @Test
    void statusParsesAndNamesAMissingKey() {
        ShepherdStatus killed = ShepherdStatus.parse("""
                version=1
                outcome=killed
                signal=9
                signal_name=SIGKILL
                core_dumped=0
                utime_us=1
                stime_us=2
                maxrss_kb=3
                start_ms=4
                end_ms=5
                future_key=ignored
                """);

        assertThat(killed.shellExitCode()).isEqualTo(137);
        assertThat(killed.maxRssKb()).isEqualTo(3);
        assertThatThrownBy(() -> ShepherdStatus.parse("version=1\noutcome=exited\n"))
                .hasMessageContaining("exit_code");
    }

    @Test
    void specErrorsAreRefusedWithLineKeyAndAllowedValues() throws Exception {
        ShepherdSpec spec = shepherds.spec("true").build();
        ShepherdStateDir dir = new ShepherdStateDir(spec.stateDir());
        Files.writeString(dir.spec(), spec.render() + "colour=blue\n");

        LaunchResult r = launchRaw(dir.spec());

        assertThat(r.exitCode()).isEqualTo(ShepherdLaunchException.BAD_SPEC);
        assertThat(r.output()).contains("line ").contains("key 'colour': unknown key (allowed: version state_dir");
        assertThat(dir.pid()).doesNotExist();
    }

    @Test
    void badValueNamesTheKey() throws Exception {
        ShepherdStateDir dir = shepherds.newStateDir();
        Files.writeString(dir.spec(), "version=1\nstate_dir=" + dir.dir() + "\ncwd=/\narg=true\nuid=0\ngid=0\n"
                + "rlimit_nofile=lots\n");

        LaunchResult r = launchRaw(dir.spec());

        assertThat(r.exitCode()).isEqualTo(ShepherdLaunchException.BAD_SPEC);
        assertThat(r.output()).contains("line 7, key 'rlimit_nofile': 'lots' is not a limit");
    }

    @Test
    void aUsedStateDirectoryIsRefused() throws Exception {
        var first = shepherds.launch(shepherds.spec("true").build());
        shepherds.awaitStatus(first.stateDir());

        LaunchResult again = launchRaw(first.stateDir().spec());

        assertThat(again.exitCode()).isEqualTo(ShepherdLaunchException.STATE_DIR);
        assertThat(again.output()).contains("already has a pid file");
    }

    @Test
    void missingStateDirectoryIsRefused() throws Exception {
        ShepherdSpec spec = shepherds.spec("true").build();
        ShepherdStateDir dir = new ShepherdStateDir(spec.stateDir());
        Files.writeString(dir.spec(), spec.render()
                .replaceFirst("state_dir=.*\n", "state_dir=" + root.resolve("gone") + "\n"));

        LaunchResult r = launchRaw(dir.spec());

        assertThat(r.exitCode()).isEqualTo(ShepherdLaunchException.STATE_DIR);
        assertThat(r.output()).contains("state_dir " + root.resolve("gone") + ": No such file or directory");
    }

    private record LaunchResult(int exitCode, String output) {
    }

    private static LaunchResult launchRaw(Path spec) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ShepherdHarness.binary().toString(), "--spec", spec.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new LaunchResult(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }
}
