package org.linuxssi.tools.krgrun;

import org.linuxssi.tools.TerminalSize;

/**
 * The messages krgrun sends in the light framing (api/README.md, "Light framing"), each encoded and
 * length-delimited, ready for the socket. Field numbers are process.proto's.
 */
final class RunInputs {

    // RunInput's oneof.
    private static final int START = 1;
    private static final int STDIN = 2;
    private static final int STDIN_EOF = 3;
    private static final int SIGNAL = 4;
    private static final int WINDOW = 5;
    // RunRequest.
    private static final int SPEC = 1;
    private static final int NODE_ID = 2;
    private static final int POLICY = 3;
    // ProcessSpec.
    private static final int ARGV = 1;
    private static final int ENV = 2;
    private static final int CWD = 3;
    private static final int PTY = 8;
    private static final int SPEC_WINDOW = 9;
    private static final int MEM_BYTES = 10;
    // WindowSize.
    private static final int ROWS = 1;
    private static final int COLS = 2;

    /** The empty RunInput: the end of krgrun's inputs, the framing's half-close. */
    static final byte[] END = {0};

    private RunInputs() {
    }

    /** LocalRunHello: who calls, and the protocol version it speaks. */
    static byte[] hello(String component, String version) {
        return new WireWriter().string(1, component).string(2, version).delimited();
    }

    static byte[] start(RunStart start) {
        WireWriter spec = new WireWriter(256);
        for (String arg : start.argv()) {
            spec.repeatedString(ARGV, arg);
        }
        for (String variable : start.env()) {
            spec.repeatedString(ENV, variable);
        }
        spec.string(CWD, start.cwd()).bool(PTY, start.pty());
        if (start.window() != null) {
            spec.message(SPEC_WINDOW, window(start.window()));
        }
        spec.uint64(MEM_BYTES, start.memBytes());
        WireWriter request = new WireWriter(256).message(SPEC, spec).int32(NODE_ID, start.node())
                .string(POLICY, start.policy());
        return new WireWriter(256).message(START, request).delimited();
    }

    static byte[] stdin(byte[] chunk, int length) {
        return new WireWriter(length + 8).bytes(STDIN, chunk, 0, length).delimited();
    }

    static byte[] stdinEof() {
        return new WireWriter(4).bool(STDIN_EOF, true).delimited();
    }

    static byte[] signal(int number) {
        return new WireWriter(8).int32(SIGNAL, number).delimited();
    }

    /** A new window size under -t. */
    static byte[] windowChange(TerminalSize size) {
        return new WireWriter(16).message(WINDOW, window(size)).delimited();
    }

    private static WireWriter window(TerminalSize size) {
        return new WireWriter(12).int32(ROWS, size.rows()).int32(COLS, size.cols());
    }
}
