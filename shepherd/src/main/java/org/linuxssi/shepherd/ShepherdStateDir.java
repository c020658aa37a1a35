package org.linuxssi.shepherd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state directory of one process, the whole interface between daemon and shepherd: the daemon
 * writes {@code spec}, the shepherd writes {@code pid}, {@code child} and finally {@code status}
 * (each atomically), output goes to the spools, input and commands go through the FIFOs.
 *
 * @param dir the directory, e.g. {@code STATE/procs/170004242}
 */
public record ShepherdStateDir(Path dir) {

    /** Longest command line the shepherd reads from {@code ctl}, newline included. */
    public static final int MAX_COMMAND_BYTES = 256;

    public Path spec() {
        return dir.resolve("spec");
    }

    /** The shepherd's pid, one decimal line; present from the launch on. */
    public Path pid() {
        return dir.resolve("pid");
    }

    /** The program's pid, which is also its process group id; present from the launch on. */
    public Path child() {
        return dir.resolve("child");
    }

    /** Written once, after the program was reaped and (pty mode) its terminal output spooled. */
    public Path status() {
        return dir.resolve("status");
    }

    public Path stdout() {
        return dir.resolve("stdout");
    }

    public Path stderr() {
        return dir.resolve("stderr");
    }

    /** The input FIFO ({@code stdin=fifo} or pty mode). */
    public Path stdin() {
        return dir.resolve("stdin");
    }

    /** The command FIFO: {@code stdin-eof}, {@code winsize ROWS COLS}. */
    public Path ctl() {
        return dir.resolve("ctl");
    }

    /** The shepherd's own diagnostics after it detached. */
    public Path log() {
        return dir.resolve("shepherd.log");
    }

    public OptionalLong readPid() throws IOException {
        return readNumber(pid());
    }

    public OptionalLong readChild() throws IOException {
        return readNumber(child());
    }

    /** The final status, or empty while the program runs. */
    public Optional<ShepherdStatus> readStatus() throws IOException {
        // Asked often while a process runs (a relay once it has read all output, the exit monitor):
        // a stat that throws nothing first, not an exception with its stack trace each time.
        if (!status().toFile().exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ShepherdStatus.parse(Files.readString(status(), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends one command line to the shepherd. The FIFO is opened read-write, so this never waits
     * for a reader, even when the shepherd is gone.
     */
    public void command(String command) throws IOException {
        byte[] line = (command + "\n").getBytes(StandardCharsets.UTF_8);
        if (command.indexOf('\n') >= 0 || line.length > MAX_COMMAND_BYTES) {
            throw new IllegalArgumentException("a command is one line of at most " + (MAX_COMMAND_BYTES - 1) + " bytes");
        }
        try (FileChannel ch = FileChannel.open(ctl(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    /**
     * Opens the input FIFO for writing without waiting for a reader (read-write open). Close it, then
     * send {@code stdin-eof}, for the program to read end of file.
     */
    public FileChannel openStdin() throws IOException {
        return FileChannel.open(stdin(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static OptionalLong readNumber(Path file) throws IOException {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return OptionalLong.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a pid: " + e.getMessage(), e);
        }
    }
}
