package org.linuxssi.node.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.linuxssi.api.v1.RestoreHeader;

/**
 * The checkpoint directory: {@code APPID/vN/} per saved version, holding criu's images, the
 * process's header ({@code process.bin}, what restore needs besides the images) and Kerrighed's
 * {@code description.txt}.
 */
public final class CheckpointStore {

    static final String HEADER = "process.bin";
    static final String DESCRIPTION = "description.txt";
    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]*)");

    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates the next version directory of {@code appId}: v1, v2... */
    synchronized Path nextVersion(long appId) throws IOException {
        Path app = Files.createDirectories(root.resolve(Long.toString(appId)));
        int last = 0;
        try (Stream<Path> versions = Files.list(app)) {
            for (Path version : versions.toList()) {
                var m = VERSION.matcher(version.getFileName().toString());
                if (m.matches()) {
                    last = Math.max(last, Integer.parseInt(m.group(1)));
                }
            }
        }
        return Files.createDirectory(app.resolve("v" + (last + 1)));
    }

    public Path version(long appId, int version) {
        return root.resolve(Long.toString(appId)).resolve("v" + version);
    }

    static void write(Path version, RestoreHeader header, String description, Instant date) throws IOException {
        Files.write(version.resolve(HEADER), header.toByteArray());
        Files.writeString(version.resolve(DESCRIPTION), "Identifier: " + header.getGpid() + "\nVersion: "
                + version.getFileName().toString().substring(1) + "\nDescription: " + description + "\nDate: " + date
                + "\n", StandardCharsets.UTF_8);
    }

    static RestoreHeader header(Path version) throws IOException {
        return RestoreHeader.parseFrom(Files.readAllBytes(version.resolve(HEADER)));
    }
}
