package org.linuxssi.shepherd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.shepherd.ShepherdSpec.Rlimit;
import org.linuxssi.shepherd.ShepherdStatus.Outcome;

/** The program gets exactly the cwd, environment, limits, umask and identity of its spec, or a reason why not. */
class ProgramSetupTest {

    private static final int NOBODY = 65534;

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

    private static String stdout(ShepherdSpec spec) throws IOException {
        return Files.readString(new ShepherdStateDir(spec.stateDir()).stdout(), StandardCharsets.UTF_8);
    }

    @Test
    void cwdIsApplied() throws Exception {
        Path work = Files.createDirectory(root.resolve("work dir")).toRealPath();
        ShepherdSpec spec = shepherds.specIn(work, "/bin/pwd").stdout(Stdio.spool()).build();

        assertThat(shepherds.run(spec).exitCode()).hasValue(0);
        assertThat(stdout(spec)).isEqualTo(work + "\n");
    }

    @Test
    void environmentIsExactlyTheSpecsAndNothingIsInherited() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("MULTI", "line1\nline2");
        env.put("EQUALS", "a=b=c");
        env.put("TABS_AND_SLASHES", "x\ty\\z\r");
        env.put("UTF8", "héllo ✓");
        env.put("EMPTY", "");
        ShepherdSpec spec = shepherds.spec("/usr/bin/env").environment(env).stdout(Stdio.spool()).build();
        Files.writeString(spec.stateDir().resolve("spec"), spec.render());

        // Started by hand to give the launcher a variable of its own that must not reach the program.
        ProcessBuilder pb = new ProcessBuilder(ShepherdHarness.binary().toString(), "--spec",
                spec.stateDir().resolve("spec").toString()).redirectErrorStream(true);
        pb.environment().put("LINUXSSI_LEAK_PROBE", "must-not-be-seen");
        Process launcher = pb.start();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
        ShepherdStatus status = shepherds.awaitStatus(new ShepherdStateDir(spec.stateDir()));

        assertThat(status.exitCode()).hasValue(0);
        String expected = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                .collect(Collectors.joining());
        assertThat(stdout(spec)).isEqualTo(expected);
    }

    @Test
    void limitsAndUmaskAreApplied() throws Exception {
        ShepherdSpec spec = shepherds.spec("sh", "-c", "ulimit -n; ulimit -Hn; ulimit -c; umask")
                .limit(Rlimit.NOFILE, 64, 128).limit(Rlimit.CORE, 0, 0).umask(027)
                .stdout(Stdio.spool()).build();

        assertThat(shepherds.run(spec).exitCode()).hasValue(0);
        assertThat(stdout(spec)).isEqualTo("64\n128\n0\n0027\n");
    }

    @Test
    void missingCwdIsRecordedWithItsReasonAndTheProgramNeverRuns() throws Exception {
        Path marker = root.resolve("ran");
        ShepherdSpec spec = shepherds.specIn(root.resolve("no/such/dir"), "/usr/bin/touch", marker.toString()).build();

        ShepherdStatus status = shepherds.run(spec);

        assertThat(status.outcome()).isEqualTo(Outcome.SETUP_FAILED);
        assertThat(status.exitCode()).hasValue(125);
        assertThat(status.failure()).hasValueSatisfying(f -> {
            assertThat(f.stage()).isEqualTo("chdir");
            assertThat(f.errnoName()).isEqualTo("ENOENT");
            assertThat(f.message()).isEqualTo("No such file or directory");
        });
        assertThat(marker).doesNotExist();
    }

    @Test
    void missingProgramIsExit127WithReason() throws Exception {
        ShepherdStatus status = shepherds.run(shepherds.spec("no-such-program-linuxssi").build());

        assertThat(status.outcome()).isEqualTo(Outcome.EXEC_FAILED);
        assertThat(status.exitCode()).hasValue(127);
        assertThat(status.failure()).hasValueSatisfying(f -> {
            assertThat(f.stage()).isEqualTo("exec");
            assertThat(f.errnoName()).isEqualTo("ENOENT");
        });
    }

    @Test
    void programThatIsNotExecutableIsExit126WithReason() throws Exception {
        Path script = Files.writeString(root.resolve("not-executable"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        ShepherdStatus status = shepherds.run(shepherds.spec(script.toString()).build());

        assertThat(status.outcome()).isEqualTo(Outcome.EXEC_FAILED);
        assertThat(status.exitCode()).hasValue(126);
        assertThat(status.failure().orElseThrow().errnoName()).isEqualTo("EACCES");
    }

    @Test
    void execNamesTheFileWhileArgv0IsKept() throws Exception {
        ShepherdSpec spec = shepherds.spec("-custom-name", "-c", "echo \"$0\"").exec("/bin/sh")
                .stdout(Stdio.spool()).build();

        assertThat(shepherds.run(spec).exitCode()).hasValue(0);
        assertThat(stdout(spec)).isEqualTo("-custom-name\n");
    }

    @Test
    void rootDropsToTheSpecsUidGidAndGroups() throws Exception {
        assumeThat(Processes.isRoot())
                .as("NOT ROOT: the uid/gid/groups switch can only be tested as root; this test did not run").isTrue();
        ShepherdSpec spec = ShepherdSpec.builder(shepherds.newStateDir().dir(), Path.of("/"),
                        List.of("sh", "-c", "id -u; id -g; id -G | tr ' ' '\\n' | sort -n | tr '\\n' ' '"))
                .env("PATH", "/usr/bin:/bin").identity(NOBODY, NOBODY, List.of(NOBODY, 5))
                .stdout(Stdio.spool()).build();

        ShepherdStatus status = shepherds.run(spec);

        assertThat(status.exitCode()).hasValue(0);
        assertThat(stdout(spec)).isEqualTo(NOBODY + "\n" + NOBODY + "\n5 " + NOBODY + " ");
    }

    @Test
    void userChosenFilesAndCwdAreOpenedWithTheUsersRights() throws Exception {
        assumeThat(Processes.isRoot())
                .as("NOT ROOT: opening files as the program's user can only be tested as root; this test did not run")
                .isTrue();
        Path rootOnly = Files.createDirectory(root.resolve("root-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ShepherdSpec writeThere = ShepherdSpec.builder(shepherds.newStateDir().dir(), Path.of("/"), List.of("true"))
                .env("PATH", "/usr/bin:/bin").identity(NOBODY, NOBODY, List.of())
                .stdout(Stdio.file(rootOnly.resolve("out"))).build();
        ShepherdSpec workThere = ShepherdSpec.builder(shepherds.newStateDir().dir(), rootOnly, List.of("true"))
                .env("PATH", "/usr/bin:/bin").identity(NOBODY, NOBODY, List.of()).build();

        ShepherdStatus write = shepherds.run(writeThere);
        ShepherdStatus work = shepherds.run(workThere);

        assertThat(write.outcome()).isEqualTo(Outcome.SETUP_FAILED);
        assertThat(write.failure().orElseThrow()).extracting(ShepherdStatus.Failure::stage,
                ShepherdStatus.Failure::errnoName).containsExactly("stdout", "EACCES");
        assertThat(rootOnly.resolve("out")).doesNotExist();
        assertThat(work.failure().orElseThrow()).extracting(ShepherdStatus.Failure::stage,
                ShepherdStatus.Failure::errnoName).containsExactly("chdir", "EACCES");
    }

    @Test
    void rootWithoutAnExplicitUidIsRefused() throws Exception {
        assumeThat(Processes.isRoot()).as("NOT ROOT: the refusal to run as root by default needs root").isTrue();
        ShepherdSpec spec = ShepherdSpec.builder(shepherds.newStateDir().dir(), root, List.of("true")).build();

        assertThatThrownBy(() -> shepherds.launch(spec))
                .isInstanceOfSatisfying(ShepherdLaunchException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ShepherdLaunchException.BAD_SPEC))
                .hasMessageContaining("uid and gid are required when the shepherd runs as root");
        assertThat(new ShepherdStateDir(spec.stateDir()).pid()).doesNotExist();
    }
}
