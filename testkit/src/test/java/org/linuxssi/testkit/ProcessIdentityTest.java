package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.ProcessInfo;

/**
 * Processes run as the user at the other end of the socket (SO_PEERCRED), whatever the tool says,
 * and a user may signal only their own processes. Needs root, to create the user and to be another
 * user: without root the test says so and is skipped.
 */
class ProcessIdentityTest {

    private static final String USER = "lssitest";

    @TempDir
    Path dir;

    @Test
    void aProcessRunsAsItsCallerWhoCannotSignalAnotherUsersProcess() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.err.println("*** ProcessIdentityTest NOT RUN: it needs root (to create user " + USER
                    + " and run a client as that user); run the tests as root to check identities ***");
        }
        assumeTrue(root, "needs root to create user " + USER + " and connect as that user");
        int uid = ensureUser();
        Path classPath = worldReadableClassPath();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("cluster")).nodes(3).start(Duration.ofSeconds(90));
             ProcessClient asRoot = new ProcessClient(cluster.node(1))) {
            Path socket = cluster.node(1).socket();
            RunHandle rootRun = asRoot.run(2, dir, "sleep", "1000");
            long rootGpid = rootRun.awaitStarted().getGpid();

            Process userRun = asUser(classPath, "run", socket.toString(), "2", "/tmp", "sleep", "1000");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(userRun.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String started = lines.readLine();
                assertThat(started).as(describe(userRun)).startsWith("started ");
                long userGpid = Long.parseLong(started.substring("started ".length()));

                assertThat(uidsOf(userGpid % 10_000_000)).as("real, effective, saved, fs uid").containsOnly(uid);
                ProcessInfo info = asRoot.list().getProcessesList().stream().filter(p -> p.getGpid() == userGpid)
                        .findFirst().orElseThrow();
                assertThat(info.getUid()).isEqualTo(uid);
                assertThat(info.getUser()).isEqualTo(USER);

                Process signal = asUser(classPath, "signal", socket.toString(), "15", Long.toString(rootGpid),
                        Long.toString(userGpid));
                assertThat(signal.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(new String(signal.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .as(describe(signal))
                        .isEqualTo(rootGpid + " not permitted (owned by root)\n" + userGpid + " ok\n");

                // migrate checks the owner before anything else, CRIU or not.
                Process migrate = asUserMain(classPath, "org.linuxssi.tools.Migrate", "--socket", socket.toString(),
                        Long.toString(rootGpid), "3");
                assertThat(migrate.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(migrate.exitValue()).isEqualTo(1);
                assertThat(new String(migrate.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("migrate: process " + rootGpid + " belongs to root: only its owner or root may "
                                + "migrate it\n");

                assertThat(lines.readLine()).isEqualTo("exit 143");
                assertThat(asRoot.signal(9, rootGpid).getResults(0).getError()).isEmpty();
                assertThat(rootRun.awaitExit().getStatus()).isEqualTo(137);
            } finally {
                userRun.destroyForcibly();
            }
        }
    }

    private static int ensureUser() throws Exception {
        if (run("id", "-u", USER).exitValue() != 0) {
            Process add = run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER);
            assertThat(add.exitValue()).as("useradd " + USER).isZero();
        }
        Process id = run("id", "-u", USER);
        return Integer.parseInt(new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    /** A client JVM as the test user, with only that user's rights (no supplementary groups). */
    private Process asUser(Path classPath, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", classPath + "/*" + File.pathSeparator + classPath.resolve("classes"),
                ProcessClientMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File("/tmp")).redirectError(
                ProcessBuilder.Redirect.appendTo(dir.resolve("client-" + args[0] + ".err").toFile())).start();
    }

    /** A LinuxSSI tool's main class run as the test user; its stdout and stderr stay with the process. */
    private Process asUserMain(Path classPath, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(DaemonLauncher.defaultJvmOptions());
        command.addAll(List.of("-cp", classPath + "/*" + File.pathSeparator + classPath.resolve("classes"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File("/tmp")).start();
    }

    /** What the client processes said on stderr, for failure messages. */
    private String describe(Process process) throws Exception {
        process.waitFor(1, TimeUnit.SECONDS);
        StringBuilder text = new StringBuilder("client stderr:\n");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".err")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    /** This JVM's class path, copied where the test user can read it: jars in one directory, classes merged. */
    private Path worldReadableClassPath() throws IOException {
        Path target = Files.createDirectories(dir.resolve("classpath"));
        Path classes = Files.createDirectories(target.resolve("classes"));
        for (String entry : DaemonLauncher.classPath().split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path copy = classes.resolve(source.relativize(file).toString());
                        Files.createDirectories(copy.getParent());
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else if (Files.isRegularFile(source)) {
                Files.copy(source, target.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> all = Files.walk(target)) {
            for (Path path : all.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return target;
    }

    private static List<Integer> uidsOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Stream.of(line.substring(4).trim().split("\\s+")).map(Integer::parseInt).toList();
            }
        }
        throw new AssertionError("no Uid line for pid " + pid);
    }

    private static Process run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.waitFor(60, TimeUnit.SECONDS);
        return process;
    }
}
