package org.linuxssi.shepherd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Process facts and signals for tests, from /proc and kill(1), which Java lacks for process groups. */
final class Processes {

    private Processes() {
    }

    /**
     * The state letter from /proc/PID/stat (R, S, T, Z...), or 'X' when the pid is gone. Orphans end
     * up as zombies when the machine's init does not reap, so callers treat 'Z' as dead.
     */
    static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (NoSuchFileException e) {
            return 'X';
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isAlive(long pid) {
        char s = state(pid);
        return s != 'X' && s != 'Z';
    }

    /** Sends a signal by name (TERM, KILL...) to a pid, or to a process group when target is negative. */
    static boolean kill(String signal, long target) {
        try {
            Process p = new ProcessBuilder(List.of("kill", "-s", signal, "--", Long.toString(target)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean isRoot() {
        return currentUid() == 0;
    }

    static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
