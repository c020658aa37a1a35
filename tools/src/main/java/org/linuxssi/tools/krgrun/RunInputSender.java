package org.linuxssi.tools.krgrun;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import org.linuxssi.api.LocalRunWire;

/**
 * The one writer of the run's inputs, shared by the stdin pump, the signal handlers and the main
 * thread. Stdin waits while {@link LocalRunWire#STDIN_WINDOW} bytes are sent and not yet taken by the
 * daemon, so a program that does not read makes krgrun stop reading its stdin instead of buffering
 * it anywhere; the small control messages (start, signals, window, end of stdin) never wait for that,
 * so that a signal is not stuck behind input the program does not want yet.
 */
final class RunInputSender {

    private final SocketChannel channel;
    private long sent;
    private long taken;
    private boolean closed;

    RunInputSender(SocketChannel channel) {
        this.channel = channel;
    }

    /** The connection's first bytes: the light framing's magic and who calls ({@link RunInputs#hello}). */
    synchronized void hello(byte[] hello) {
        byte[] bytes = Arrays.copyOf(LocalRunWire.MAGIC, LocalRunWire.MAGIC.length + hello.length);
        System.arraycopy(hello, 0, bytes, LocalRunWire.MAGIC.length, hello.length);
        write(bytes);
    }

    /**
     * Waits until the daemon has taken enough of the input sent before, then sends one stdin chunk.
     *
     * @return false when the run is over and the chunk was dropped
     */
    synchronized boolean sendStdin(byte[] chunk, int length) throws InterruptedException {
        // The monitor is released while waiting, so signals still go out.
        while (!closed && sent > taken && sent - taken + length > LocalRunWire.STDIN_WINDOW) {
            wait();
        }
        if (!send(RunInputs.stdin(chunk, length))) {
            return false;
        }
        sent += length;
        return true;
    }

    /** Sends a control message ({@link RunInputs}) at once; dropped when the run is over. */
    synchronized boolean send(byte[] input) {
        return !closed && write(input);
    }

    /** The daemon has taken {@code total} bytes of stdin so far. */
    synchronized void taken(long total) {
        taken = total;
        notifyAll();
    }

    /**
     * Ends krgrun's side of the run with an empty message (the light framing's half-close; closing the
     * connection without it would be krgrun going away); later sends are dropped.
     */
    synchronized void finish() {
        if (!closed) {
            write(RunInputs.END);
            closed = true;
        }
        notifyAll();
    }

    /** The run is over: nothing more can be sent. */
    synchronized void ended() {
        closed = true;
        notifyAll();
    }

    private boolean write(byte[] bytes) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return true;
        } catch (IOException e) {
            closed = true;
            notifyAll();
            return false;
        }
    }
}
