package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A system user for identity tests, and client JVMs run as that user (root only): the daemon sees
 * that user's credentials on its socket, whatever the client says.
 */
final class OtherUser {

    static final String NAME = "lssitest";

    private final Path dir;
    private final Path classPath;
    private final int uid;

    private OtherUser(Path dir, Path classPath, int uid) {
        this.dir = dir;
        this.classPath = classPath;
        this.uid = uid;
    }

    /** Creates the user if needed and a copy of this JVM's class path it can read, under {@code dir}. */
    static OtherUser create(Path dir) throws Exception {
        if (run("id", "-u", NAME).exitValue() != 0) {
            Process add = run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME);
            assertThat(add.exitValue()).as("useradd " + NAME).isZero();
        }
        Process id = run("id", "-u", NAME);
        int uid = Integer.parseInt(new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new OtherUser(dir, worldReadableClassPath(dir), uid);
    }

    static boolean canSwitch() {
        return "root".equals(System.getProperty("user.name"));
    }

    int uid() {
        return uid;
    }

    /** A client JVM as the user, with only that user's rights (no supplementary groups). */
    Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", classPath + "/*" + File.pathSeparator + classPath.resolve("classes"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File("/tmp")).redirectError(
                ProcessBuilder.Redirect.appendTo(dir.resolve("client-" + args[0] + ".err").toFile())).start();
    }

    /** A LinuxSSI tool's main class run as the user; its stdout and stderr stay with the process. */
    Process startTool(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(DaemonLauncher.defaultJvmOptions());
        command.addAll(List.of("-cp", classPath + "/*" + File.pathSeparator + classPath.resolve("classes"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(new File("/tmp")).start();
    }

    /** What the client processes said on stderr, for failure messages. */
    String describe(Process process) throws Exception {
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
    private static Path worldReadableClassPath(Path dir) throws IOException {
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

    private static Process run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.waitFor(60, TimeUnit.SECONDS);
        return process;
    }
}
