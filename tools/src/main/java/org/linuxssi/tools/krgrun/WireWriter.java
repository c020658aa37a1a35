package org.linuxssi.tools.krgrun;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protobuf's wire format by hand for the few messages of the light framing krgrun sends
 * (process.proto: LocalRunHello, RunInput and what a start carries), so that a cold krgrun does not
 * initialise the protobuf runtime and the contract's descriptors, the largest part of its start after
 * the JVM's own. Fields are written in field-number order, as protobuf's own writers do; a field at
 * its default value is left out, as proto3 does. {@code LightWireTest} parses the result with the
 * generated classes.
 */
final class WireWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] bytes;
    private int size;

    WireWriter() {
        this(64);
    }

    WireWriter(int capacity) {
        bytes = new byte[capacity];
    }

    WireWriter uint64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
        return this;
    }

    /** int32 and uint32 alike: a negative int32 is ten bytes, as protobuf writes it. */
    WireWriter int32(int field, int value) {
        return uint64(field, value);
    }

    WireWriter bool(int field, boolean value) {
        return uint64(field, value ? 1 : 0);
    }

    WireWriter string(int field, String value) {
        if (value != null && !value.isEmpty()) {
            repeatedString(field, value);
        }
        return this;
    }

    /** One element of a repeated string: written even when empty. */
    WireWriter repeatedString(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return bytes(field, utf8, 0, utf8.length);
    }

    WireWriter bytes(int field, byte[] value, int offset, int length) {
        tag(field, LENGTH_DELIMITED);
        varint(length);
        append(value, offset, length);
        return this;
    }

    /** A message field: written when set, even when all its own fields are at their defaults. */
    WireWriter message(int field, WireWriter message) {
        return bytes(field, message.bytes, 0, message.size);
    }

    /** The message so far, preceded by its length as a varint: one length-delimited message of the framing. */
    byte[] delimited() {
        WireWriter framed = new WireWriter(size + 5);
        framed.varint(size);
        framed.append(bytes, 0, size);
        return framed.size == framed.bytes.length ? framed.bytes : Arrays.copyOf(framed.bytes, framed.size);
    }

    private void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    private void varint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    private void append(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
