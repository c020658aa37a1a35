package org.linuxssi.node.agent;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Follows one spool file (a program's stdout or stderr) from a byte offset, like {@code tail -f}:
 * each {@link #read} returns what was appended since the last one. Reads are sequential on one open
 * descriptor, so the read position is also visible in {@code /proc/PID/fdinfo}. Not thread-safe.
 */
final class SpoolTailer implements Closeable {

    private final Path file;
    private long offset;
    private FileChannel channel;

    SpoolTailer(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** Bytes delivered so far, i.e. the offset of the next read. */
    long offset() {
        return offset;
    }

    /** Bytes written past {@link #offset()} so far; 0 while the spool has not been opened. */
    long available() throws IOException {
        return channel == null ? 0 : Math.max(0, channel.size() - offset);
    }

    /** Up to {@code max} new bytes; empty when the program has written nothing more (or no spool exists). */
    ByteString read(int max) throws IOException {
        return read(max, null);
    }

    /**
     * As {@link #read(int)}, into {@code reuse} when it is given and large enough, else into an array of
     * its own: the bytes returned are then a view of {@code reuse}, valid until it is written again.
     */
    ByteString read(int max, byte[] reuse) throws IOException {
        if (channel == null) {
            // A program's spool may never be made (no stderr): asked on every pass of a relay, an
            // exception with its stack trace each time cost more than the reads of the other spool.
            // java.io.File asks with a stat that throws nothing (Files.notExists throws and catches).
            if (!file.toFile().exists()) {
                return ByteString.EMPTY;
            }
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return ByteString.EMPTY;
            }
            channel.position(offset);
        }
        long available = channel.size() - offset;
        if (available <= 0) {
            return ByteString.EMPTY;
        }
        int size = (int) Math.min(max, available);
        byte[] bytes = reuse != null && reuse.length >= size ? reuse : new byte[size];
        int n = channel.read(ByteBuffer.wrap(bytes, 0, size));
        if (n <= 0) {
            return ByteString.EMPTY;
        }
        offset += n;
        return UnsafeByteOperations.unsafeWrap(bytes, 0, n);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
