package org.linuxssi.shepherd;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one standard stream of the program goes, as the spec's {@code stdin}, {@code stdout} and
 * {@code stderr} keys say it.
 *
 * @param kind   what the stream is connected to
 * @param path   the file for {@link Kind#FILE}, empty otherwise
 * @param append for an output {@link Kind#FILE}: append instead of truncating
 */
public record Stdio(Kind kind, Optional<Path> path, boolean append) {

    /** The connections the shepherd knows. */
    public enum Kind {
        /** {@code /dev/null}. */
        NULL("null"),
        /** Output only: {@code state_dir/stdout} or {@code state_dir/stderr}, a file the daemon tails. */
        SPOOL("spool"),
        /** Input only: the FIFO {@code state_dir/stdin}, written by the daemon, closed by {@code stdin-eof}. */
        FIFO("fifo"),
        /** stderr only: the same open file as stdout. */
        STDOUT("stdout"),
        /** A file opened with the program's own uid and groups, after the identity switch. */
        FILE(null);

        private final String specValue;

        Kind(String specValue) {
            this.specValue = specValue;
        }
    }

    public Stdio {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        if ((kind == Kind.FILE) != path.isPresent()) {
            throw new IllegalArgumentException("a path goes with kind FILE and only with it");
        }
        path.ifPresent(p -> {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("stdio path must be absolute: " + p);
            }
        });
        if (append && kind != Kind.FILE) {
            throw new IllegalArgumentException("append needs kind FILE");
        }
    }

    public static Stdio discard() {
        return new Stdio(Kind.NULL, Optional.empty(), false);
    }

    public static Stdio spool() {
        return new Stdio(Kind.SPOOL, Optional.empty(), false);
    }

    public static Stdio fifo() {
        return new Stdio(Kind.FIFO, Optional.empty(), false);
    }

    public static Stdio joinStdout() {
        return new Stdio(Kind.STDOUT, Optional.empty(), false);
    }

    public static Stdio file(Path path) {
        return new Stdio(Kind.FILE, Optional.of(path), false);
    }

    public static Stdio appendTo(Path path) {
        return new Stdio(Kind.FILE, Optional.of(path), true);
    }

    /** The value of the spec key: {@code null}, {@code spool}, {@code fifo}, {@code stdout} or the path. */
    public String specValue() {
        return kind == Kind.FILE ? path.orElseThrow().toString() : kind.specValue;
    }
}
