package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/** User names from /etc/passwd, re-read when the file changes; a uid without a name is shown as the number. */
public final class UserNames {

    private final Path passwd;
    private FileTime readAt;
    private Map<Integer, String> names = Map.of();

    public UserNames(Path passwd) {
        this.passwd = passwd;
    }

    public static UserNames system() {
        return new UserNames(Path.of("/etc/passwd"));
    }

    public synchronized String nameOf(int uid) {
        refresh();
        String name = names.get(uid);
        return name == null ? Integer.toString(uid) : name;
    }

    private void refresh() {
        try {
            FileTime modified = Files.getLastModifiedTime(passwd);
            if (modified.equals(readAt)) {
                return;
            }
            Map<Integer, String> read = new HashMap<>();
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3) {
                    try {
                        read.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
                    } catch (NumberFormatException e) {
                        // a malformed line names nobody
                    }
                }
            }
            names = read;
            readAt = modified;
        } catch (IOException e) {
            names = Map.of();
            readAt = null;
        }
    }
}
