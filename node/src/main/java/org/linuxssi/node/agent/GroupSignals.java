package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal to a program's whole process group ({@code kill(-pgid, sig)}) through kill(1):
 * the JDK can signal neither a group nor with an arbitrary signal.
 */
public final class GroupSignals {

    /** Largest Linux signal number (SIGRTMAX). */
    public static final int MAX_SIGNAL = 64;

    private static final Path KILL = List.of(Path.of("/bin/kill"), Path.of("/usr/bin/kill")).stream()
            .filter(Files::isExecutable).findFirst().orElse(Path.of("kill"));

    private GroupSignals() {
    }

    /**
     * Delivers {@code signal} to every process of group {@code pgid}.
     *
     * @throws IOException with the reason kill(1) gave, e.g. "No such process"
     */
    public static void send(long pgid, int signal) throws IOException {
        if (signal < 0 || signal > MAX_SIGNAL) {
            throw new IllegalArgumentException("signal " + signal + " is not a signal number (allowed: 0 to "
                    + MAX_SIGNAL + ")");
        }
        if (pgid <= 1) {
            throw new IllegalArgumentException("process group " + pgid + " cannot be signalled");
        }
        Process kill = new ProcessBuilder(KILL.toString(), "-" + signal, "--", "-" + pgid)
                .redirectErrorStream(true).start();
        try {
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IOException("kill(1) did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling", e);
        }
        if (kill.exitValue() != 0) {
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int colon = said.lastIndexOf(": ");
            throw new IOException(colon >= 0 ? said.substring(colon + 2) : said);
        }
    }
}
