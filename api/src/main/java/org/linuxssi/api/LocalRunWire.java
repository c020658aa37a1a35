package org.linuxssi.api;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the local socket's light framing (process.proto, {@code LocalRunHello}): krgrun's
 * Run without HTTP/2, so that a cold krgrun loads neither gRPC's transport nor Netty. The daemon tells
 * it from gRPC by the first bytes of a connection; everything after them is length-delimited protobuf.
 */
public final class LocalRunWire {

    /** The first bytes of a light connection; a gRPC client starts with HTTP/2's "PRI * HTTP/2.0". */
    public static final byte[] MAGIC = "LSSIRUN1".getBytes(StandardCharsets.US_ASCII);

    /**
     * Stdin bytes a tool may have sent that the daemon has not taken yet: four of krgrun's 64 KiB
     * chunks, so input flows while the program reads, and waits at krgrun once it does not.
     */
    public static final int STDIN_WINDOW = 256 * 1024;

    /** The largest message either side accepts: a chunk of output or input is at most 1 MiB. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private LocalRunWire() {
    }
}
