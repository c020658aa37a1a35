package org.linuxssi.tools.krgrun;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;

/**
 * The Unix socket of a cold krgrun, opened on a thread of its own while the main thread reads the
 * command line and the environment: the JDK's first Unix socket sets up a SecureRandom and the
 * security providers behind it (for names of sockets it binds, which krgrun never does), the
 * largest single cost of krgrun's start after the JVM's, and a second CPU can bear it meanwhile.
 */
final class EarlySocket implements Runnable {

    private static EarlySocket started;

    private final Thread thread;
    private SocketChannel channel;
    private IOException failure;

    private EarlySocket() {
        thread = new Thread(this, "krgrun-socket");
        thread.setDaemon(true);
    }

    /** Starts opening krgrun's socket; the next {@link #take} gets it. For krgrun's main only. */
    static synchronized void start() {
        if (started == null) {
            started = new EarlySocket();
            started.thread.start();
        }
    }

    /** The socket {@link #start} opened, or a socket opened now when there is none. */
    static SocketChannel take() throws IOException {
        EarlySocket early;
        synchronized (EarlySocket.class) {
            early = started;
            started = null;
        }
        if (early == null) {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }
        boolean interrupted = false;
        while (true) {
            try {
                early.thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (early.failure != null) {
            throw early.failure;
        }
        return early.channel;
    }

    @Override
    public void run() {
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            failure = e;
        }
    }
}
