package org.linuxssi.node.agent;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a program's input FIFO from a stream, on a thread of its own: a write blocks while the program
 * does not read (a 64 KiB pipe), and that block is the backpressure. The caller asks the stream for
 * the next message only while fewer than {@link #MAX_QUEUED_BYTES} wait here; {@code requestMore} is
 * run when the queue has room again after {@link #offer} said no.
 */
public final class StdinWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StdinWriter.class);

    /** Input accepted ahead of the program: a few chunks, so that signals behind them still arrive. */
    public static final int MAX_QUEUED_BYTES = 256 * 1024;
    /** Queued after the last input; recognised by identity, so no input can be mistaken for it. */
    private static final ByteString END = ByteString.copyFromUtf8("end of input");

    private final LocalProcess process;
    private final Runnable requestMore;
    private final LinkedBlockingQueue<ByteString> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean owed = new AtomicBoolean();
    private final Object sizeLock = new Object();
    private long queuedBytes;
    private volatile boolean closed;
    private volatile boolean done;
    private Thread thread;

    public StdinWriter(LocalProcess process, Runnable requestMore) {
        this.process = process;
        this.requestMore = requestMore;
    }

    /**
     * Queues input for the program.
     *
     * @return true when the caller may request the next message now; false means {@code requestMore}
     *         will be run once the program has read enough
     */
    public boolean offer(ByteString data) {
        boolean room;
        synchronized (sizeLock) {
            queuedBytes += data.size();
            room = queuedBytes < MAX_QUEUED_BYTES;
            if (!room) {
                owed.set(true);
            }
        }
        enqueue(data);
        // The writer may have stopped meanwhile; then nobody else will ask for more.
        return room || ((done || closed) && owed.getAndSet(false));
    }

    /** Ends the input after everything queued: the program reads end of file. */
    public void endOfInput() {
        enqueue(END);
    }

    /** Stops writing (the program ended or the stream went away); queued and later input is dropped. */
    public void close() {
        synchronized (this) {
            closed = true;
            if (thread != null) {
                thread.interrupt();
            }
        }
        if (owed.getAndSet(false)) {
            requestMore.run();
        }
    }

    private synchronized void enqueue(ByteString item) {
        if (closed || done) {
            return;
        }
        queue.add(item);
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("stdin-" + process.gpid()).start(this::run);
        }
    }

    private void run() {
        FileChannel fifo = null;
        try {
            while (!closed) {
                ByteString item = queue.take();
                if (item == END) {
                    if (fifo != null) {
                        fifo.close();
                        fifo = null;
                    }
                    process.endInput();
                    return;
                }
                if (fifo == null) {
                    fifo = process.openStdin();
                }
                ByteBuffer buffer = item.asReadOnlyByteBuffer();
                while (buffer.hasRemaining()) {
                    fifo.write(buffer);
                }
                written(item.size());
            }
        } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
            // closed: the program ended or nobody is sending any more
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("input of process {} stopped: {}", process.gpid(), e.getMessage());
            }
        } finally {
            done = true;
            if (owed.getAndSet(false)) {
                requestMore.run();
            }
            if (fifo != null) {
                try {
                    fifo.close();
                } catch (IOException e) {
                    LOG.debug("closing the input of process {}: {}", process.gpid(), e.getMessage());
                }
            }
        }
    }

    private void written(int bytes) {
        boolean more;
        synchronized (sizeLock) {
            queuedBytes -= bytes;
            more = queuedBytes < MAX_QUEUED_BYTES && owed.getAndSet(false);
        }
        if (more) {
            requestMore.run();
        }
    }
}
