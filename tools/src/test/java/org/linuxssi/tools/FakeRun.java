package org.linuxssi.tools;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.Started;
import org.linuxssi.api.v1.WindowSize;

/**
 * The daemon's side of one fake Processes.Run call. Like the real daemon it asks for inputs one at a
 * time (manual flow control), so that a subclass can stop asking and make krgrun wait.
 */
public abstract class FakeRun implements StreamObserver<RunInput> {

    public static final long GPID = 20_004_242L;
    public static final int NODE = 2;

    /** Every input but stdin chunks, in order; stdin_eof stands where the stdin ended. */
    public final List<RunInput> inputs = new CopyOnWriteArrayList<>();
    public final CompletableFuture<RunRequest> start = new CompletableFuture<>();
    /** Completed when krgrun ends its side of the call: half-close, cancel or error. */
    public final CompletableFuture<Void> clientDone = new CompletableFuture<>();
    public final AtomicInteger largestStdinChunk = new AtomicInteger();

    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    protected ServerCallStreamObserver<RunOutput> out;
    private boolean completed;

    final void attach(ServerCallStreamObserver<RunOutput> responses) {
        out = responses;
        out.disableAutoRequest();
        out.request(1);
        out.setOnReadyHandler(this::onReady);
        out.setOnCancelHandler(() -> clientDone.complete(null));
    }

    @Override
    public final void onNext(RunInput input) {
        if (input.hasStdin()) {
            synchronized (stdin) {
                stdin.writeBytes(input.getStdin().toByteArray());
            }
            largestStdinChunk.accumulateAndGet(input.getStdin().size(), Math::max);
        } else {
            inputs.add(input);
        }
        switch (input.getInputCase()) {
            case START -> {
                start.complete(input.getStart());
                onStart(input.getStart());
            }
            case STDIN -> onStdin(input.getStdin());
            case STDIN_EOF -> onEof();
            case SIGNAL -> onSignal(input.getSignal());
            case WINDOW -> onWindow(input.getWindow());
            default -> {
            }
        }
        if (wantsMore()) {
            requestInput();
        }
    }

    @Override
    public void onError(Throwable t) {
        clientDone.complete(null);
    }

    @Override
    public void onCompleted() {
        clientDone.complete(null);
    }

    /** The stdin bytes received so far. */
    public byte[] stdin() {
        synchronized (stdin) {
            return stdin.toByteArray();
        }
    }

    /** The signal numbers received so far, in order. */
    public List<Integer> signals() {
        return inputs.stream().filter(RunInput::hasSignal).map(RunInput::getSignal).toList();
    }

    protected abstract void onStart(RunRequest request);

    protected void onStdin(ByteString chunk) {
    }

    protected void onEof() {
    }

    protected void onSignal(int signal) {
    }

    protected void onWindow(WindowSize window) {
    }

    protected void onReady() {
    }

    /** Whether to ask for the next input once one is handled. */
    protected boolean wantsMore() {
        return true;
    }

    protected final synchronized void requestInput() {
        if (!completed) {
            out.request(1);
        }
    }

    public final synchronized void send(RunOutput... outputs) {
        if (completed) {
            return;
        }
        for (RunOutput output : outputs) {
            out.onNext(output);
            if (output.hasExit()) {
                completed = true;
                out.onCompleted();
                return;
            }
        }
    }

    public final synchronized void fail(StatusRuntimeException error) {
        if (!completed) {
            completed = true;
            out.onError(error);
        }
    }

    public final void exit(int status) {
        send(exitWith(ProcessExit.newBuilder().setStatus(status).build()));
    }

    public static RunOutput started() {
        return RunOutput.newBuilder().setStarted(Started.newBuilder().setGpid(GPID).setNodeId(NODE)).build();
    }

    public static RunOutput stdout(byte[] bytes) {
        return RunOutput.newBuilder().setStdout(ByteString.copyFrom(bytes)).build();
    }

    public static RunOutput stdout(String text) {
        return stdout(text.getBytes(StandardCharsets.UTF_8));
    }

    public static RunOutput stderr(String text) {
        return RunOutput.newBuilder().setStderr(ByteString.copyFromUtf8(text)).build();
    }

    public static RunOutput exitWith(ProcessExit exit) {
        return RunOutput.newBuilder().setExit(exit).build();
    }

    /** Sends a fixed list of outputs as soon as the start arrives (or fails the call). */
    public static final class Scripted extends FakeRun {
        private final List<RunOutput> outputs;
        private final StatusRuntimeException error;

        /** started, then exit 0. */
        public Scripted() {
            this(List.of(started(), exitWith(ProcessExit.getDefaultInstance())));
        }

        public Scripted(List<RunOutput> outputs) {
            this.outputs = List.copyOf(outputs);
            this.error = null;
        }

        public Scripted(StatusRuntimeException error) {
            this.outputs = List.of();
            this.error = error;
        }

        @Override
        protected void onStart(RunRequest request) {
            if (error != null) {
                fail(error);
            } else {
                send(outputs.toArray(RunOutput[]::new));
            }
        }
    }

    /** cat: stdin comes back on stdout, exit 0 after stdin ends. Reads no faster than it can write. */
    public static final class Echo extends FakeRun {
        private boolean waitingForRoom;

        @Override
        protected void onStart(RunRequest request) {
            send(started());
        }

        @Override
        protected void onStdin(ByteString chunk) {
            send(RunOutput.newBuilder().setStdout(chunk).build());
        }

        @Override
        protected void onEof() {
            exit(0);
        }

        @Override
        protected boolean wantsMore() {
            waitingForRoom = !out.isReady();
            return !waitingForRoom;
        }

        @Override
        protected void onReady() {
            if (waitingForRoom) {
                waitingForRoom = false;
                requestInput();
            }
        }
    }

    /** Starts, then waits: dies of the signals in {@code fatal} (status 128+N); the test may end it. */
    public static final class Waiting extends FakeRun {
        private final Set<Integer> fatal;

        public Waiting(Integer... fatal) {
            this.fatal = Set.of(fatal);
        }

        @Override
        protected void onStart(RunRequest request) {
            send(started());
        }

        @Override
        protected void onSignal(int signal) {
            if (fatal.contains(signal)) {
                exit(128 + signal);
            }
        }
    }

    /** Starts and never asks for stdin: krgrun must stop reading its own. */
    public static final class NotReading extends FakeRun {
        @Override
        protected void onStart(RunRequest request) {
            send(started());
        }

        @Override
        protected boolean wantsMore() {
            return false;
        }
    }

    /**
     * Writes {@code total} bytes of stdout (byte i is i % 251) in 64 KiB chunks, only while gRPC says
     * the client can take more, then exits 0.
     */
    public static final class Flood extends FakeRun {
        public static final int CHUNK = 64 * 1024;
        public final AtomicLong sent = new AtomicLong();
        private final long total;

        public Flood(long total) {
            this.total = total;
        }

        @Override
        protected void onStart(RunRequest request) {
            send(started());
            pump();
        }

        @Override
        protected void onReady() {
            pump();
        }

        private void pump() {
            while (out.isReady() && sent.get() < total) {
                int length = (int) Math.min(CHUNK, total - sent.get());
                byte[] chunk = new byte[length];
                for (int i = 0; i < length; i++) {
                    chunk[i] = (byte) ((sent.get() + i) % 251);
                }
                send(stdout(chunk));
                sent.addAndGet(length);
            }
            if (sent.get() == total) {
                exit(0);
            }
        }
    }
}
