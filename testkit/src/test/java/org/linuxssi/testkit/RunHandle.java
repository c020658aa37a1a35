package org.linuxssi.testkit;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.Started;
import org.linuxssi.api.v1.WindowSize;

/**
 * One Processes.Run call from a test: what came back (started, stdout, stderr, exit or the error),
 * input sent only when the stream is ready, and reading that can be paused to play a slow krgrun.
 */
final class RunHandle implements ClientResponseObserver<RunInput, RunOutput> {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Consumer<ByteString> stdoutSink;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<Started> started = new CompletableFuture<>();
    private final CompletableFuture<ProcessExit> exit = new CompletableFuture<>();
    private final Object ready = new Object();
    private volatile ClientCallStreamObserver<RunInput> call;
    private volatile long stdoutBytes;
    private boolean paused;
    private boolean owed;

    private RunHandle(Consumer<ByteString> stdoutSink) {
        this.stdoutSink = stdoutSink;
    }

    static RunHandle start(ProcessesGrpc.ProcessesStub stub, RunRequest request, Consumer<ByteString> stdoutSink) {
        RunHandle handle = new RunHandle(stdoutSink);
        stub.run(handle);
        handle.send(RunInput.newBuilder().setStart(request).build());
        return handle;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<RunInput> requestStream) {
        call = requestStream;
        requestStream.disableAutoRequestWithInitial(1);
        requestStream.setOnReadyHandler(this::wake);
    }

    @Override
    public void onNext(RunOutput output) {
        switch (output.getOutputCase()) {
            case STARTED -> started.complete(output.getStarted());
            case STDOUT -> {
                stdoutBytes += output.getStdout().size();
                if (stdoutSink != null) {
                    stdoutSink.accept(output.getStdout());
                } else {
                    synchronized (stdout) {
                        stdout.writeBytes(output.getStdout().toByteArray());
                    }
                }
            }
            case STDERR -> {
                synchronized (stderr) {
                    stderr.writeBytes(output.getStderr().toByteArray());
                }
            }
            case EXIT -> {
                exit.complete(output.getExit());
                wake();
            }
            default -> {
            }
        }
        synchronized (this) {
            if (paused) {
                owed = true;
                return;
            }
        }
        call.request(1);
    }

    @Override
    public void onError(Throwable t) {
        started.completeExceptionally(t);
        exit.completeExceptionally(t);
        wake();
    }

    @Override
    public void onCompleted() {
        if (!exit.isDone()) {
            exit.completeExceptionally(new IllegalStateException("the stream ended without an exit"));
        }
    }

    /** Stops asking for output, as a krgrun whose terminal does not read. */
    synchronized void pauseReading() {
        paused = true;
    }

    void resumeReading() {
        boolean request;
        synchronized (this) {
            paused = false;
            request = owed;
            owed = false;
        }
        if (request) {
            call.request(1);
        }
    }

    long stdoutBytes() {
        return stdoutBytes;
    }

    Started awaitStarted() throws Exception {
        return started.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    ProcessExit awaitExit() throws Exception {
        return awaitExit(PATIENCE);
    }

    ProcessExit awaitExit(Duration patience) throws Exception {
        return exit.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The status the call failed with, once it failed. */
    Status awaitError() throws Exception {
        try {
            exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return Status.fromThrowable(e.getCause());
        }
        throw new AssertionError("the run ended normally: " + exit.get());
    }

    String stdout() {
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Sends input once the stream can take it (never more than the transport's window ahead). */
    void stdin(ByteString data) {
        awaitReady();
        send(RunInput.newBuilder().setStdin(data).build());
    }

    void stdinEof() {
        send(RunInput.newBuilder().setStdinEof(true).build());
    }

    void window(int rows, int cols) {
        send(RunInput.newBuilder().setWindow(WindowSize.newBuilder().setRows(rows).setCols(cols)).build());
    }

    void signal(int signal) {
        send(RunInput.newBuilder().setSignal(signal).build());
    }

    /** Sends nothing more: the end of the input, without a stdin_eof message. */
    synchronized void halfClose() {
        call.onCompleted();
    }

    void cancel() {
        call.cancel("test is done", null);
    }

    private synchronized void send(RunInput input) {
        call.onNext(input);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (ready) {
            while (!call.isReady() && !exit.isDone()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the stream was not ready for input within " + PATIENCE);
                }
                try {
                    ready.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private void wake() {
        synchronized (ready) {
            ready.notifyAll();
        }
    }
}
