package org.linuxssi.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs an inspection command (dpkg-deb, rpm, tar) and returns what it printed. */
final class Shell {

    private Shell() {
    }

    record Result(int exit, String out, String err) {
    }

    /** Whether {@code program} is on PATH. */
    static boolean has(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("shell", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // Listings print times in the local zone; the packages' times are UTC.
            builder.environment().put("TZ", "UTC");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return new Result(exit, out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs the command and returns its output; fails with its error output when it fails. */
    static String output(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exit() + "): " + result.err());
        }
        return result.out();
    }
}
