package org.linuxssi.node.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds in a criu log the line that says why it failed. */
final class CriuLog {

    private CriuLog() {
    }

    /**
     * The first "Error" line that is not the harmless RLIMIT_NOFILE note, without criu's timestamp and
     * source location: what a user needs to see.
     */
    static Optional<String> firstError(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return Optional.empty();
        }
        return lines.stream().filter(l -> l.contains("Error (") && !l.contains("RLIMIT_NOFILE"))
                .map(l -> l.replaceFirst("^\\([0-9. ]+\\)\\s*", "").replaceFirst("Error \\([^)]*\\):\\s*", ""))
                .findFirst();
    }
}
