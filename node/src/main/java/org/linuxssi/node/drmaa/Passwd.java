package org.linuxssi.node.drmaa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Home directories and shells from /etc/passwd: DRMAA's $drmaa_hd_ph$ and a job's environment. */
public final class Passwd {

    private final Path file;

    public Passwd(Path file) {
        this.file = file;
    }

    public static Passwd system() {
        return new Passwd(Path.of("/etc/passwd"));
    }

    /** The passwd line of {@code uid}: name, home, shell. */
    public Optional<Entry> of(int uid) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 7 && fields[2].equals(Integer.toString(uid))) {
                    return Optional.of(new Entry(fields[0], fields[5], fields[6]));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** One user's name, home directory and login shell. */
    public record Entry(String name, String home, String shell) {
    }
}
