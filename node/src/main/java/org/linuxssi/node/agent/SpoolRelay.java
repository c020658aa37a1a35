package org.linuxssi.node.agent;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.Started;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one process's output to one stream: {@code started} (for a launch), then the stdout and
 * stderr spools from given offsets, each in order, then {@code exit} once the shepherd's status
 * exists and both spools are read to their end. A chunk is read from disk only when the stream is
 * ready for it, so a slow reader leaves the output on disk instead of in this daemon's memory.
 */
public final class SpoolRelay {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolRelay.class);

    /** Most bytes per stdout/stderr message: what the program wrote since the last read, up to this. */
    public static final int CHUNK = 1024 * 1024;
    /**
     * Bytes of output a stream may queue before the relay waits for its reader: several chunks, so
     * that the next one is on its way while the reader takes the last (gRPC's default, 32 KiB, is
     * less than one chunk and made every chunk a round trip). Bounded per stream all the same. gRPC
     * takes it only before the service method returns, so the services set it on their streams.
     */
    public static final int IN_FLIGHT = 4 * CHUNK;
    /**
     * A pass that reads at least this much is behind a program writing fast: the relay stops being woken
     * by the program's writes (see {@link #quietWhenBehind}) until a pass finds nothing to read.
     */
    static final int BULK = 256 * 1024;
    /**
     * Meanwhile, a pass that finds less than {@link #BULK} waits this long before it reads: a relay that keeps
     * up with a fast writer would otherwise send what one or two of its writes made (8 KiB each, for
     * {@code cat}), and every message crosses every hop to the caller at a cost of its own. One message
     * of what would be many, as TCP's autocorking does; output that is not a bulk transfer never waits.
     */
    private static final long BULK_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Longest wait for a change the state-directory watcher might have missed. */
    private static final long POLL_MILLIS = 200;

    private final LocalProcess process;
    private final StateDirWatcher watcher;
    private final ServerCallStreamObserver<RunOutput> out;
    private final long stdoutOffset;
    private final long stderrOffset;
    private final Optional<Started> started;
    private final Runnable afterExit;
    private volatile boolean cancelled;
    private volatile boolean exitSent;
    private final ChangeSignal streamReady = new ChangeSignal();
    /** The watcher was told to stop waking on the program's writes (relay thread only). */
    private boolean quiet;
    /**
     * While this relay is behind the program, every read is a full chunk: they all go through this one
     * array (relay thread only), not a new 1 MiB array each, zeroed and collected. gRPC serialises a
     * message into its transport's buffers within {@code onNext}, so the array is free again once
     * {@code onNext} returns. Dropped once the relay has caught up: an idle relay holds none.
     */
    private byte[] chunk;

    /**
     * @param watcher   told to stop waking on the program's writes while this relay is behind them
     * @param started   sent first when present (a launch; an attach has none)
     * @param afterExit run once {@code exit} was handed to the stream; it completes the stream, at once
     *                  or when the caller acknowledged the exit
     */
    public SpoolRelay(LocalProcess process, StateDirWatcher watcher, ServerCallStreamObserver<RunOutput> out,
                      long stdoutOffset, long stderrOffset, Optional<Started> started, Runnable afterExit) {
        this.process = process;
        this.watcher = watcher;
        this.out = out;
        this.stdoutOffset = stdoutOffset;
        this.stderrOffset = stderrOffset;
        this.started = started;
        this.afterExit = afterExit;
    }

    public void start() {
        Thread.ofVirtual().name("relay-" + process.gpid()).start(this::run);
    }

    /**
     * The stream is ready for more, or was cancelled: look again. A relay waiting for its reader
     * waits on this alone, not on the program's writes (one inotify wake-up per write, otherwise).
     */
    public void wake() {
        streamReady.signal();
    }

    public void cancel() {
        cancelled = true;
        streamReady.signal();
        process.changes().signal();
    }

    public boolean exitSent() {
        return exitSent;
    }

    private void run() {
        ChangeSignal changes = process.changes();
        try (SpoolTailer stdout = new SpoolTailer(process.dir().stdout(), stdoutOffset);
             SpoolTailer stderr = new SpoolTailer(process.dir().stderr(), stderrOffset)) {
            started.ifPresent(s -> out.onNext(RunOutput.newBuilder().setStarted(s).build()));
            long seen = changes.version();
            long readySeen = streamReady.version();
            boolean stderrFirst = false;
            // The last pass found nothing to read. Only then is the exit looked for: while output flows
            // it cannot be the next message, and a look is a file system call per pass.
            boolean drained = false;
            while (!cancelled) {
                if (!out.isReady()) {
                    readySeen = streamReady.await(readySeen, 1000);
                    continue;
                }
                if (quiet && stdout.available() < BULK && stderr.available() < BULK) {
                    LockSupport.parkNanos(BULK_WAIT_NANOS);
                }
                // Ended before the reads below came back empty: everything it wrote has been sent.
                Optional<ProcessExit> exit = drained ? process.exit() : Optional.empty();
                ByteString first = (stderrFirst ? stderr : stdout).read(CHUNK, chunk);
                if (!first.isEmpty()) {
                    send(stderrFirst, first);
                    quietWhenBehind(first);
                    stderrFirst = !stderrFirst;
                    drained = false;
                    continue;
                }
                ByteString second = (stderrFirst ? stdout : stderr).read(CHUNK, chunk);
                if (!second.isEmpty()) {
                    send(!stderrFirst, second);
                    quietWhenBehind(second);
                    drained = false;
                    continue;
                }
                if (!drained) {
                    // Read again at once, the exit looked for first.
                    drained = true;
                    continue;
                }
                chunk = null;
                if (quiet) {
                    // Caught up: writes wake this relay again; whatever came before that is read first.
                    watcher.listen(process);
                    quiet = false;
                    continue;
                }
                if (exit.isPresent() && process.move() == LocalProcess.Move.MOVING) {
                    seen = changes.await(seen, POLL_MILLIS);
                    continue;
                }
                if (exit.isPresent() && process.move() == LocalProcess.Move.MOVED) {
                    // Everything written here was sent. A stream that ends without an exit makes the caller's
                    // daemon re-attach where the directory says the process runs; an error status would
                    // instead drop the messages the caller has not read yet.
                    process.mark(LocalProcess.Marker.DELIVERED);
                    LOG.info("output of process {} relayed up to its move to node {}", process.gpid(),
                            process.movedTo());
                    out.onCompleted();
                    return;
                }
                if (exit.isPresent()) {
                    out.onNext(RunOutput.newBuilder().setExit(exit.get()).build());
                    exitSent = true;
                    afterExit.run();
                    return;
                }
                seen = changes.await(seen, POLL_MILLIS);
            }
        } catch (IOException e) {
            LOG.warn("output of process {} could not be read: {}", process.gpid(), e.getMessage());
            fail("cannot read the output of process " + process.gpid() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            fail("linuxssid is stopping");
        } catch (RuntimeException e) {
            if (!cancelled) {
                LOG.warn("relay of process {} failed", process.gpid(), e);
            }
        } finally {
            if (quiet) {
                watcher.listen(process);
            }
        }
    }

    /**
     * A read of {@link #BULK} or more means the program is ahead of this relay, which reads on without
     * being woken: its writes need not wake anyone meanwhile, and the next reads go through one reused array.
     */
    private void quietWhenBehind(ByteString read) {
        if (read.size() < BULK) {
            return;
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        if (!quiet) {
            watcher.quiet(process);
            quiet = true;
        }
    }

    private void send(boolean isStderr, ByteString data) {
        RunOutput.Builder message = RunOutput.newBuilder();
        if (isStderr) {
            message.setStderr(data);
        } else {
            message.setStdout(data);
        }
        out.onNext(message.build());
    }

    private void fail(String message) {
        if (!cancelled) {
            try {
                out.onError(DaemonError.of(Status.Code.UNAVAILABLE, message));
            } catch (RuntimeException e) {
                LOG.debug("stream of process {} already closed: {}", process.gpid(), e.toString());
            }
        }
    }
}
