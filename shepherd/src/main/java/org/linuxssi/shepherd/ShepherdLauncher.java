package org.linuxssi.shepherd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code linuxssi-shepherd} for one spec and returns once the program is forked, i.e. once the
 * {@code pid} and {@code child} files exist. The shepherd then lives on its own: nothing here keeps
 * a handle on it, so a restarted daemon adopts it exactly like this one would.
 */
public final class ShepherdLauncher implements ShepherdStarter {

    /** Where the packages install the binary. */
    public static final Path INSTALLED_BINARY = Path.of("/usr/lib/linuxssi/linuxssi-shepherd");

    private final Path binary;
    private final Duration timeout;

    /** A shepherd that was started: its state directory and the two pids. */
    public record Launched(ShepherdStateDir stateDir, long shepherdPid, long childPid) {

        /** Reads the two pids a started shepherd has written. */
        static Launched from(ShepherdStateDir dir) throws IOException {
            return new Launched(dir, dir.readPid().orElseThrow(() -> new IOException(dir.pid() + " is missing")),
                    dir.readChild().orElseThrow(() -> new IOException(dir.child() + " is missing")));
        }
    }

    public ShepherdLauncher(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    @Override
    public Launched launch(ShepherdSpec spec) throws IOException, InterruptedException {
        ShepherdStateDir dir = new ShepherdStateDir(spec.stateDir());
        Files.writeString(dir.spec(), spec.render(), StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(List.of(binary.toString(), "--spec", dir.spec().toString()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().clear();
        Process launcher = pb.start();
        if (!launcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            launcher.destroyForcibly();
            throw new ShepherdLaunchException(-1, "linuxssi-shepherd did not start " + spec.stateDir() + " within "
                    + timeout.toMillis() + " ms");
        }
        // The launcher has exited and the shepherd has let go of the pipe, so this read ends at once.
        String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (launcher.exitValue() != 0) {
            throw new ShepherdLaunchException(launcher.exitValue(),
                    said.isEmpty() ? "linuxssi-shepherd exited with " + launcher.exitValue() : said);
        }
        return Launched.from(dir);
    }
}
