package org.linuxssi.node.checkpoint;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * criu's own clock of a dump, from the {@code stats-dump} file it leaves in the images folder: how
 * long it took to stop the tasks and how long they stayed stopped until it let them go (or killed
 * them), so a freeze is measured from the moment the program really stopped, not from criu's start.
 */
public record CriuDumpStats(long freezingUs, long frozenUs, long memdumpUs, long memwriteUs, long pagesWritten) {

    static final String FILE = "stats-dump";
    /** Two magics (criu's service image and STATS), then a 32-bit little-endian length and the entry. */
    private static final int HEADER = 12;

    /** Microseconds from the first stop signal to the end of the dump. */
    public long stoppedUs() {
        return freezingUs + frozenUs;
    }

    /** The stats of the dump whose images are in {@code images}, if criu wrote them. */
    public static Optional<CriuDumpStats> read(Path images) {
        try (InputStream in = Files.newInputStream(images.resolve(FILE))) {
            byte[] all = in.readAllBytes();
            if (all.length < HEADER) {
                return Optional.empty();
            }
            int size = ByteBuffer.wrap(all, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (size < 0 || HEADER + size > all.length) {
                return Optional.empty();
            }
            return parseStatsEntry(CodedInputStream.newInstance(all, HEADER, size));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** StatsEntry { DumpStatsEntry dump = 1; ... } as criu's stats.proto defines it. */
    private static Optional<CriuDumpStats> parseStatsEntry(CodedInputStream in) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag >>> 3 == 1 && (tag & 7) == 2) {
                int limit = in.pushLimit(in.readRawVarint32());
                CriuDumpStats stats = parseDumpStats(in);
                in.popLimit(limit);
                return Optional.of(stats);
            }
            in.skipField(tag);
        }
        return Optional.empty();
    }

    private static CriuDumpStats parseDumpStats(CodedInputStream in) throws IOException {
        long[] fields = new long[8];
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int number = tag >>> 3;
            if ((tag & 7) == 0 && number < fields.length) {
                fields[number] = in.readRawVarint64();
            } else {
                in.skipField(tag);
            }
        }
        return new CriuDumpStats(fields[1], fields[2], fields[3], fields[4], fields[7]);
    }
}
