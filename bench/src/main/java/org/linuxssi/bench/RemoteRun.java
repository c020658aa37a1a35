package org.linuxssi.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessSpec;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;

/** One program run through the daemon's Processes.Run stream, as krgrun does, without a JVM start. */
final class RemoteRun {

    /** What came back: exit and the number of stdout bytes; when {@code started} and the exit arrived (nanoTime). */
    record Result(ProcessExit exit, long stdoutBytes, long gpid, long startedNanos, long exitNanos) {
    }

    /**
     * Output messages asked for ahead of the one being handled, as krgrun should: the transport takes
     * in the next ones while this one is handled, instead of one request round trip per message.
     */
    static final int OUTPUT_AHEAD = 8;

    private RemoteRun() {
    }

    /** Starts the program and returns when its exit arrives; stdin is closed at once. */
    static CompletableFuture<Result> start(ManagedChannel channel, int node, List<String> argv) {
        return start(channel, node, argv, null);
    }

    /**
     * The same, giving each line of the program's output (UTF-8, without its newline) to {@code lines};
     * null counts the bytes only (the relay benchmark: scanning them here would measure this client).
     */
    static CompletableFuture<Result> start(ManagedChannel channel, int node, List<String> argv,
                                           Consumer<String> lines) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        AtomicLong bytes = new AtomicLong();
        AtomicLong gpid = new AtomicLong();
        AtomicLong startedAt = new AtomicLong();
        StreamObserver<RunInput> input = ProcessesGrpc.newStub(channel).run(new ClientResponseObserver<RunInput, RunOutput>() {
            private ClientCallStreamObserver<RunInput> call;

            @Override
            public void beforeStart(ClientCallStreamObserver<RunInput> requestStream) {
                call = requestStream;
                requestStream.disableAutoRequestWithInitial(OUTPUT_AHEAD);
            }

            @Override
            public void onNext(RunOutput output) {
                call.request(1);
                switch (output.getOutputCase()) {
                    case STARTED -> {
                        startedAt.set(System.nanoTime());
                        gpid.set(output.getStarted().getGpid());
                    }
                    case STDOUT -> {
                        bytes.addAndGet(output.getStdout().size());
                        if (lines != null) {
                            for (byte b : output.getStdout().toByteArray()) {
                                if (b == '\n') {
                                    lines.accept(partial.toString(StandardCharsets.UTF_8));
                                    partial.reset();
                                } else {
                                    partial.write(b);
                                }
                            }
                        }
                    }
                    case EXIT -> done.complete(new Result(output.getExit(), bytes.get(), gpid.get(), startedAt.get(),
                            System.nanoTime()));
                    default -> {
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.completeExceptionally(new IllegalStateException("stream ended without an exit"));
            }
        });
        input.onNext(RunInput.newBuilder().setStart(RunRequest.newBuilder().setNodeId(node)
                .setSpec(ProcessSpec.newBuilder().addAllArgv(argv).addEnv("PATH=/usr/bin:/bin").setCwd("/"))).build());
        input.onNext(RunInput.newBuilder().setStdinEof(true).build());
        done.whenComplete((r, t) -> input.onCompleted());
        return done;
    }
}
