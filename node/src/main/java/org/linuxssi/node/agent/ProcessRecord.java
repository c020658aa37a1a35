package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.shepherd.KeyValueFormat;

/**
 * What the daemon knows about one of its processes beyond the shepherd's files, kept as the file
 * {@code process} in the state directory (the shepherd's key=value format) so that a restarted
 * daemon can re-adopt the process.
 *
 * @param launchedSpec the spec path the shepherd was started with (its command line names it), which
 *                     differs from the directory's final name: the directory is renamed to the global
 *                     PID once the program's pid is known
 */
public record ProcessRecord(long gpid, int nodeId, int originNodeId, int uid, String user, String command,
                            String program, String cwd, long startMs, boolean pty, Path launchedSpec) {

    public static final String FILE = "process";

    /** The directory entry announced in the cluster state. */
    public ProcessEntry entry() {
        return ProcessEntry.newBuilder()
                .setGpid(gpid)
                .setNodeId(nodeId)
                .setOriginNodeId(originNodeId)
                .setUid(uid)
                .setUser(user)
                .setCommand(command)
                .setStartMs(startMs)
                .build();
    }

    /** Writes the record into {@code dir} atomically (temporary file, then rename). */
    public void write(Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(KeyValueFormat.line("version", "1"));
        text.append(KeyValueFormat.line("gpid", Long.toString(gpid)));
        text.append(KeyValueFormat.line("node", Integer.toString(nodeId)));
        text.append(KeyValueFormat.line("origin", Integer.toString(originNodeId)));
        text.append(KeyValueFormat.line("uid", Integer.toString(uid)));
        text.append(KeyValueFormat.line("user", user));
        text.append(KeyValueFormat.line("command", command));
        text.append(KeyValueFormat.line("program", program));
        text.append(KeyValueFormat.line("cwd", cwd));
        text.append(KeyValueFormat.line("start_ms", Long.toString(startMs)));
        text.append(KeyValueFormat.line("pty", pty ? "1" : "0"));
        text.append(KeyValueFormat.line("launched_spec", launchedSpec.toString()));
        Path temp = dir.resolve("." + FILE + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The record in {@code dir}; empty when there is none. */
    public static Optional<ProcessRecord> read(Path dir) throws IOException {
        String text;
        try {
            text = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Map<String, String> kv = new HashMap<>();
        try {
            KeyValueFormat.parse(text).forEach(e -> kv.put(e.getKey(), e.getValue()));
            return Optional.of(new ProcessRecord(Long.parseLong(kv.get("gpid")), Integer.parseInt(kv.get("node")),
                    Integer.parseInt(kv.get("origin")), Integer.parseInt(kv.get("uid")), kv.getOrDefault("user", ""),
                    kv.getOrDefault("command", ""), kv.getOrDefault("program", ""), kv.getOrDefault("cwd", ""),
                    Long.parseLong(kv.get("start_ms")), "1".equals(kv.get("pty")), Path.of(kv.get("launched_spec"))));
        } catch (RuntimeException e) {
            throw new IOException(dir.resolve(FILE) + " is unreadable: " + e.getMessage(), e);
        }
    }
}
