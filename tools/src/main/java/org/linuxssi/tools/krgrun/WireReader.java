package org.linuxssi.tools.krgrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf's wire format by hand, field by field, for the replies of the light framing
 * (process.proto: LocalRunReply and what it carries); see {@link WireWriter} for why. Fields it does
 * not know are skipped by their wire type, so a newer daemon's additions do no harm.
 */
final class WireReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int position;
    private final int limit;
    private int lastTag;

    WireReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    /** The next field's number, or 0 at the end of the message. */
    int nextField() throws IOException {
        if (position >= limit) {
            return 0;
        }
        long tag = varint();
        int field = (int) (tag >>> 3);
        if (field <= 0 || tag >>> 32 != 0) {
            throw new IOException("linuxssid sent a malformed message (field tag " + tag + ")");
        }
        lastTag = (int) tag;
        return field;
    }

    /** The wire type of the field {@link #nextField} returned. */
    int wireType() {
        return lastTag & 7;
    }

    long uint64() throws IOException {
        expect(VARINT);
        return varint();
    }

    /** An int32 or uint32 field; a negative int32 comes as ten bytes. */
    int int32() throws IOException {
        return (int) uint64();
    }

    boolean bool() throws IOException {
        return uint64() != 0;
    }

    String string() throws IOException {
        int length = length();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** A length-delimited field's bytes, as a reader of their own (for a message field). */
    WireReader message() throws IOException {
        int length = length();
        WireReader inner = new WireReader(bytes, position, length);
        position += length;
        return inner;
    }

    /** A bytes field: its offset in {@link #array} and its length; the reader moves past it. */
    long bytesField() throws IOException {
        int length = length();
        long at = (long) position << 32 | length;
        position += length;
        return at;
    }

    byte[] array() {
        return bytes;
    }

    /** Skips the field {@link #nextField} returned, whatever its type. */
    void skip() throws IOException {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(length());
            case FIXED32 -> advance(4);
            default -> throw new IOException("linuxssid sent a field of wire type " + wireType()
                    + ", which the light framing does not use");
        }
    }

    private int length() throws IOException {
        expect(LENGTH_DELIMITED);
        long length = varint();
        if (length < 0 || length > limit - position) {
            throw new IOException("linuxssid sent a field of " + length + " bytes in a message with "
                    + (limit - position) + " left");
        }
        return (int) length;
    }

    private void advance(int count) throws IOException {
        if (count > limit - position) {
            throw new IOException("linuxssid sent a message that ends inside a field");
        }
        position += count;
    }

    private void expect(int wireType) throws IOException {
        if (wireType() != wireType) {
            throw new IOException("linuxssid sent field " + (lastTag >>> 3) + " with wire type " + wireType()
                    + " where " + wireType + " was expected");
        }
    }

    private long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new IOException("linuxssid sent a message that ends inside a number");
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("linuxssid sent a number longer than ten bytes");
    }
}
