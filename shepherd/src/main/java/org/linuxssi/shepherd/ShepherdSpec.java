package org.linuxssi.shepherd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the daemon decided about one process; {@link #render()} gives the spec file (version 1)
 * that {@code linuxssi-shepherd --spec FILE} reads. README.md documents each key.
 *
 * @param stateDir    the process's own state directory: pid, child, status, spools, FIFOs
 * @param identity    who the program runs as; required when the shepherd runs as root
 * @param cwd         the program's working directory, entered with the program's identity
 * @param umask       the program's umask
 * @param exec        the file to execute when it differs from {@code argv[0]} (e.g. login shells)
 * @param argv        the program's argument vector, at least the program name
 * @param environment the program's complete environment, in order; nothing is inherited
 * @param limits      resource limits set before the identity switch
 * @param io          separate streams, or a pseudo-terminal
 * @param restore     restore mode: criu restores the program from images instead of starting it
 */
public record ShepherdSpec(Path stateDir, Optional<Identity> identity, Path cwd, int umask, Optional<String> exec,
                           List<String> argv, Map<String, String> environment, Map<Rlimit, Limit> limits, Io io,
                           Optional<Restore> restore) {

    /**
     * Restore from CRIU images: {@code inherit} maps the program's fd 0, 1, 2 (opened by the shepherd)
     * to the file each had when dumped, as named in the images (its path without the leading '/').
     */
    public record Restore(Path images, Path criu, Map<Integer, String> inherit) {
        public Restore {
            if (!images.isAbsolute() || !criu.isAbsolute()) {
                throw new IllegalArgumentException("images and criu must be absolute: " + images + ", " + criu);
            }
            inherit = Collections.unmodifiableMap(new java.util.TreeMap<>(inherit));
        }
    }

    /** The uid, gid and supplementary groups of the program. */
    public record Identity(int uid, int gid, List<Integer> groups) {
        public Identity {
            if (uid < 0 || gid < 0 || groups.stream().anyMatch(g -> g < 0)) {
                throw new IllegalArgumentException("ids are 0 or more: uid=" + uid + " gid=" + gid + " groups=" + groups);
            }
            groups = List.copyOf(groups);
        }
    }

    /** A resource limit of {@code setrlimit(2)}; the C names without the {@code RLIMIT_} prefix. */
    public enum Rlimit {
        AS, CORE, CPU, DATA, FSIZE, LOCKS, MEMLOCK, MSGQUEUE, NICE, NOFILE, NPROC, RSS, RTPRIO, RTTIME, SIGPENDING, STACK;

        /** The spec key, e.g. {@code rlimit_nofile}. */
        public String specKey() {
            return "rlimit_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Soft and hard value of one limit; {@link #UNLIMITED} is {@code RLIM_INFINITY}. */
    public record Limit(long soft, long hard) {
        public static final long UNLIMITED = -1;

        public Limit {
            if (soft < UNLIMITED || hard < UNLIMITED) {
                throw new IllegalArgumentException("a limit is 0 or more, or UNLIMITED: " + soft + ":" + hard);
            }
            if (hard != UNLIMITED && (soft == UNLIMITED || soft > hard)) {
                throw new IllegalArgumentException("soft limit " + soft + " is above hard limit " + hard);
            }
        }

        String specValue() {
            return text(soft) + ":" + text(hard);
        }

        private static String text(long v) {
            return v == UNLIMITED ? "unlimited" : Long.toString(v);
        }
    }

    /** How the program's standard streams are connected. */
    public sealed interface Io permits Streams, Terminal {
    }

    /** Three separate streams. */
    public record Streams(Stdio stdin, Stdio stdout, Stdio stderr) implements Io {
        public Streams {
            if (stdin.kind() == Stdio.Kind.SPOOL || stdin.kind() == Stdio.Kind.STDOUT || stdin.append()) {
                throw new IllegalArgumentException("stdin is null, fifo or a file, not " + stdin.specValue());
            }
            if (stdout.kind() == Stdio.Kind.FIFO || stdout.kind() == Stdio.Kind.STDOUT) {
                throw new IllegalArgumentException("stdout is null, spool or a file, not " + stdout.specValue());
            }
            if (stderr.kind() == Stdio.Kind.FIFO) {
                throw new IllegalArgumentException("stderr is null, spool, stdout or a file, not fifo");
            }
        }
    }

    /**
     * A pseudo-terminal of the given size as stdin, stdout and stderr: input is written to the FIFO
     * {@code state_dir/stdin}, output lands in the spool {@code state_dir/stdout}.
     */
    public record Terminal(int rows, int cols) implements Io {
        public Terminal {
            if (rows < 1 || rows > 65535 || cols < 1 || cols > 65535) {
                throw new IllegalArgumentException("terminal size is 1 to 65535: " + rows + "x" + cols);
            }
        }
    }

    public ShepherdSpec {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(io, "io");
        if (!stateDir.isAbsolute() || !cwd.isAbsolute()) {
            throw new IllegalArgumentException("stateDir and cwd must be absolute: " + stateDir + ", " + cwd);
        }
        if (umask < 0 || umask > 0777) {
            throw new IllegalArgumentException("umask is 0 to 0777, not 0" + Integer.toOctalString(umask));
        }
        argv = List.copyOf(argv);
        if (argv.isEmpty() || (exec.isEmpty() && argv.get(0).isEmpty())) {
            throw new IllegalArgumentException("argv needs the program name first");
        }
        exec.ifPresent(e -> {
            if (e.isEmpty()) {
                throw new IllegalArgumentException("exec must not be empty");
            }
        });
        for (String name : environment.keySet()) {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("environment variable name is empty or holds '=': " + name);
            }
        }
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        limits = limits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(limits));
    }

    /** Starts a spec for {@code argv} with no identity, umask 022, an empty environment and discarded streams. */
    public static Builder builder(Path stateDir, Path cwd, List<String> argv) {
        return new Builder(stateDir, cwd, argv);
    }

    /** The spec file text. */
    public String render() {
        StringBuilder out = new StringBuilder(256);
        out.append(KeyValueFormat.line("version", "1"));
        out.append(KeyValueFormat.line("state_dir", stateDir.toString()));
        identity.ifPresent(id -> {
            out.append(KeyValueFormat.line("uid", Integer.toString(id.uid())));
            out.append(KeyValueFormat.line("gid", Integer.toString(id.gid())));
            out.append(KeyValueFormat.line("groups",
                    id.groups().stream().map(String::valueOf).collect(Collectors.joining(","))));
        });
        out.append(KeyValueFormat.line("cwd", cwd.toString()));
        out.append(KeyValueFormat.line("umask", String.format("%04o", umask)));
        exec.ifPresent(e -> out.append(KeyValueFormat.line("exec", e)));
        argv.forEach(a -> out.append(KeyValueFormat.line("arg", a)));
        environment.forEach((k, v) -> out.append(KeyValueFormat.line("env", k + "=" + v)));
        limits.forEach((r, l) -> out.append(KeyValueFormat.line(r.specKey(), l.specValue())));
        switch (io) {
            case Streams s -> {
                out.append(KeyValueFormat.line("stdin", s.stdin().specValue()));
                out.append(KeyValueFormat.line("stdout", s.stdout().specValue()));
                if (s.stdout().append()) {
                    out.append(KeyValueFormat.line("stdout_append", "1"));
                }
                out.append(KeyValueFormat.line("stderr", s.stderr().specValue()));
                if (s.stderr().append()) {
                    out.append(KeyValueFormat.line("stderr_append", "1"));
                }
            }
            case Terminal t -> {
                out.append(KeyValueFormat.line("pty", "1"));
                out.append(KeyValueFormat.line("pty_rows", Integer.toString(t.rows())));
                out.append(KeyValueFormat.line("pty_cols", Integer.toString(t.cols())));
            }
        }
        restore.ifPresent(r -> {
            out.append(KeyValueFormat.line("restore", r.images().toString()));
            out.append(KeyValueFormat.line("criu", r.criu().toString()));
            r.inherit().forEach((fd, key) -> out.append(KeyValueFormat.line("restore_inherit", fd + ":" + key)));
        });
        return out.toString();
    }

    /** Collects the optional parts of a spec. */
    public static final class Builder {
        private final Path stateDir;
        private final Path cwd;
        private final List<String> argv;
        private Optional<Identity> identity = Optional.empty();
        private int umask = 022;
        private Optional<String> exec = Optional.empty();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<Rlimit, Limit> limits = new EnumMap<>(Rlimit.class);
        private Stdio stdin = Stdio.discard();
        private Stdio stdout = Stdio.discard();
        private Stdio stderr = Stdio.discard();
        private Optional<Terminal> terminal = Optional.empty();
        private Optional<Restore> restore = Optional.empty();

        private Builder(Path stateDir, Path cwd, List<String> argv) {
            this.stateDir = stateDir;
            this.cwd = cwd;
            this.argv = new ArrayList<>(argv);
        }

        public Builder identity(int uid, int gid, List<Integer> groups) {
            identity = Optional.of(new Identity(uid, gid, groups));
            return this;
        }

        public Builder umask(int mask) {
            umask = mask;
            return this;
        }

        public Builder exec(String file) {
            exec = Optional.of(file);
            return this;
        }

        /** Adds or replaces one variable; order of first insertion is kept. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder limit(Rlimit resource, long soft, long hard) {
            limits.put(resource, new Limit(soft, hard));
            return this;
        }

        public Builder stdin(Stdio s) {
            stdin = s;
            return this;
        }

        public Builder stdout(Stdio s) {
            stdout = s;
            return this;
        }

        public Builder stderr(Stdio s) {
            stderr = s;
            return this;
        }

        /** Runs the program on a pseudo-terminal instead of the three streams. */
        public Builder terminal(int rows, int cols) {
            terminal = Optional.of(new Terminal(rows, cols));
            return this;
        }

        /** Restores the program from CRIU images instead of executing argv (which is then only its name). */
        public Builder restore(Path images, Path criu, Map<Integer, String> inherit) {
            restore = Optional.of(new Restore(images, criu, inherit));
            return this;
        }

        public ShepherdSpec build() {
            Io io = terminal.<Io>map(t -> t).orElseGet(() -> new Streams(stdin, stdout, stderr));
            return new ShepherdSpec(stateDir, identity, cwd, umask, exec, argv, environment, limits, io, restore);
        }
    }
}
