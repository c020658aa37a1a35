package org.linuxssi.tools.krgadm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** node.conf, a file of {@code key = value} lines and {@code #} comments, edited without losing the rest. */
final class NodeConfFile {

    static final String SESSION_ID = "session_id";
    static final String NODE_ID = "node_id";
    static final String MANAGERS = "managers";
    static final String CLUSTER_NETWORK = "cluster_network";

    private static final String HEADER = "# LinuxSSI node configuration, see krgadm node configure --help";
    // node.conf holds no secret; the daemon may run as a user other than the one who wrote it.
    private static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private NodeConfFile() {
    }

    static String line(String key, String value) {
        return key + " = " + value;
    }

    /** The value of the key's first setting, if any. */
    static Optional<String> value(List<String> lines, String key) {
        return lines.stream().filter(line -> key.equals(keyOf(line))).findFirst()
                .map(line -> line.substring(line.indexOf('=') + 1).strip());
    }

    /**
     * The lines with each setting applied: the first line of a key is rewritten in place, later
     * lines of the same key are dropped (the daemon reads one value; a stale twin would mislead a
     * reader), keys not there yet are appended. Comments and other keys are kept as they are.
     */
    static List<String> withSettings(List<String> lines, Map<String, String> settings) {
        List<String> result = new ArrayList<>(lines.size() + settings.size());
        Set<String> written = new HashSet<>();
        for (String line : lines) {
            String key = keyOf(line);
            if (key == null || !settings.containsKey(key)) {
                result.add(line);
            } else if (written.add(key)) {
                result.add(line(key, settings.get(key)));
            }
        }
        settings.forEach((key, value) -> {
            if (written.add(key)) {
                result.add(line(key, value));
            }
        });
        return result;
    }

    /** The file's lines, or none when it does not exist. */
    static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /**
     * Replaces the file in one step, so that a daemon starting meanwhile reads the old or the new
     * file, never half of one. An existing file keeps its permissions.
     */
    static void write(Path file, List<String> lines) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        List<String> content = lines.isEmpty() || Files.exists(file) ? lines : withHeader(lines);
        Set<PosixFilePermission> mode = Files.exists(file) ? Files.getPosixFilePermissions(file) : NEW_FILE_MODE;
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, mode);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static List<String> withHeader(List<String> lines) {
        List<String> content = new ArrayList<>(lines.size() + 1);
        content.add(HEADER);
        content.addAll(lines);
        return content;
    }

    /** The key a line sets, or null for comments, blank lines and lines without '='. */
    private static String keyOf(String line) {
        String stripped = line.strip();
        int equals = stripped.indexOf('=');
        if (stripped.isEmpty() || stripped.startsWith("#") || equals < 0) {
            return null;
        }
        return stripped.substring(0, equals).strip();
    }
}
