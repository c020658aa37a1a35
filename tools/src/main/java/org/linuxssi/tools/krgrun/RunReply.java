package org.linuxssi.tools.krgrun;

import java.io.IOException;

/**
 * One reply of the daemon in the light framing (process.proto's LocalRunReply), read by
 * {@link RunReplyReader}: an output of the program (started, stdout, stderr, exit), the stdin the daemon
 * has taken, or the end of a run without an exit.
 */
sealed interface RunReply {

    /** The program runs: its global PID and node. */
    record Started(long gpid, int nodeId) implements RunReply {
    }

    /** Bytes the program wrote, a view of the message they came in. */
    record Output(boolean stderr, byte[] array, int offset, int length) implements RunReply {
    }

    /** The program ended; see {@link RunExit#code}. */
    record Exit(int status, int exitCode, int signal, String error) implements RunReply {
    }

    /** Stdin bytes the daemon has taken so far, in total. */
    record StdinTaken(long total) implements RunReply {
    }

    /** The run ended without an exit: a gRPC status code number and its line for the user. */
    record End(int code, String description, boolean fromDaemon) implements RunReply {
    }

    /** A reply or output kind newer than this krgrun. */
    record Unknown() implements RunReply {
    }
}
