package org.linuxssi.tools.krgrun;

import java.io.IOException;

/**
 * Reads the daemon's replies in the light framing (process.proto's LocalRunReply) by hand with
 * {@link WireReader}, into {@link RunReply}; see {@link WireWriter} for why not with protobuf.
 */
final class RunReplyReader {

    // LocalRunReply's oneof.
    static final int OUTPUT = 1;
    static final int STDIN_TAKEN = 2;
    private static final int END = 3;
    // RunOutput's oneof.
    static final int STARTED = 1;
    static final int STDOUT = 2;
    static final int STDERR = 3;
    static final int EXIT = 4;

    private RunReplyReader() {
    }

    /** The reply in {@code length} bytes of {@code message} from {@code offset}, which it may keep views of. */
    static RunReply parse(byte[] message, int offset, int length) throws IOException {
        WireReader reply = new WireReader(message, offset, length);
        RunReply parsed = new RunReply.Unknown();
        // As protobuf does, the last field of a oneof wins.
        for (int field = reply.nextField(); field != 0; field = reply.nextField()) {
            switch (field) {
                case OUTPUT -> parsed = output(reply.message());
                case STDIN_TAKEN -> parsed = new RunReply.StdinTaken(reply.uint64());
                case END -> parsed = end(reply.message());
                default -> reply.skip();
            }
        }
        return parsed;
    }

    private static RunReply output(WireReader output) throws IOException {
        RunReply parsed = new RunReply.Unknown();
        for (int field = output.nextField(); field != 0; field = output.nextField()) {
            switch (field) {
                case STARTED -> parsed = started(output.message());
                case STDOUT, STDERR -> {
                    long at = output.bytesField();
                    parsed = new RunReply.Output(field == STDERR, output.array(), (int) (at >>> 32), (int) at);
                }
                case EXIT -> parsed = exit(output.message());
                default -> output.skip();
            }
        }
        return parsed;
    }

    private static RunReply.Started started(WireReader started) throws IOException {
        long gpid = 0;
        int nodeId = 0;
        for (int field = started.nextField(); field != 0; field = started.nextField()) {
            switch (field) {
                case 1 -> gpid = started.uint64();
                case 2 -> nodeId = started.int32();
                default -> started.skip();
            }
        }
        return new RunReply.Started(gpid, nodeId);
    }

    private static RunReply.Exit exit(WireReader exit) throws IOException {
        int status = 0;
        int exitCode = 0;
        int signal = 0;
        String error = "";
        for (int field = exit.nextField(); field != 0; field = exit.nextField()) {
            switch (field) {
                case 1 -> status = exit.int32();
                case 2 -> exitCode = exit.int32();
                case 3 -> signal = exit.int32();
                case 11 -> error = exit.string();
                default -> exit.skip();
            }
        }
        return new RunReply.Exit(status, exitCode, signal, error);
    }

    private static RunReply.End end(WireReader end) throws IOException {
        int code = 0;
        String description = "";
        boolean fromDaemon = false;
        for (int field = end.nextField(); field != 0; field = end.nextField()) {
            switch (field) {
                case 1 -> code = end.int32();
                case 2 -> description = end.string();
                case 3 -> fromDaemon = end.bool();
                default -> end.skip();
            }
        }
        return new RunReply.End(code, description, fromDaemon);
    }
}
