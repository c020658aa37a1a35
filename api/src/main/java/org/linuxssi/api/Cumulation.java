package org.linuxssi.api;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufAllocator;

/** Bytes read so far on a connection, while a message (or the framing's magic) is not whole yet. */
final class Cumulation {

    private Cumulation() {
    }

    /** {@code read} added after {@code sofar} (null for nothing yet); both are released into the result. */
    static ByteBuf append(ByteBufAllocator alloc, ByteBuf sofar, ByteBuf read) {
        if (sofar == null) {
            return read;
        }
        ByteBuf merged = alloc.buffer(sofar.readableBytes() + read.readableBytes());
        merged.writeBytes(sofar).writeBytes(read);
        sofar.release();
        read.release();
        return merged;
    }
}
