package org.linuxssi.node.checkpoint;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.linuxssi.api.v1.ImageChunk;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.RestoreChunk;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.api.v1.RestoreReply;

/**
 * Streams a header and a directory of images to a target's MobilityAgent.Restore, one chunk at a
 * time as the connection accepts it (a gigabyte is never in memory), and waits for the answer.
 */
final class ImageSender implements ClientResponseObserver<RestoreChunk, RestoreReply> {

    private static final int CHUNK = 1024 * 1024;

    private final CompletableFuture<RestoreReply> reply = new CompletableFuture<>();
    private final Object readiness = new Object();
    private volatile ClientCallStreamObserver<RestoreChunk> call;

    /** What one transfer did: bytes of images, when the last was handed to gRPC, the target's answer. */
    record Sent(long bytes, long sentAt, RestoreReply reply) {
    }

    /** Sends everything and returns the target's reply, with the transfer's size and end. */
    static Sent send(MobilityAgentGrpc.MobilityAgentStub stub, RestoreHeader header, Path images)
            throws IOException, StatusRuntimeException {
        long sent = 0;
        ImageSender sender = new ImageSender();
        stub.restore(sender);
        sender.write(RestoreChunk.newBuilder().setHeader(header).build());
        List<Path> files;
        try (Stream<Path> list = Files.list(images)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        byte[] buffer = new byte[CHUNK];
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (Files.size(file) == 0) {
                // Empty images exist too; one empty chunk creates the file on the target.
                sender.write(RestoreChunk.newBuilder().setImage(ImageChunk.newBuilder().setName(name)).build());
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                    sender.write(RestoreChunk.newBuilder().setImage(ImageChunk.newBuilder().setName(name)
                            .setData(ByteString.copyFrom(buffer, 0, n))).build());
                    sent += n;
                }
            }
        }
        sender.call.onCompleted();
        long sentAt = System.nanoTime();
        try {
            return new Sent(sent, sentAt, sender.reply.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.call.cancel("interrupted", null);
            throw new IOException("interrupted while restoring on the target");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw status;
            }
            throw new IOException(e.getCause());
        }
    }

    private void write(RestoreChunk chunk) throws IOException {
        synchronized (readiness) {
            while (!call.isReady()) {
                if (reply.isDone()) {
                    break;
                }
                try {
                    readiness.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending images");
                }
            }
        }
        if (reply.isDone() && reply.isCompletedExceptionally()) {
            return;
        }
        call.onNext(chunk);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<RestoreChunk> requestStream) {
        call = requestStream;
        requestStream.setOnReadyHandler(() -> {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        });
    }

    @Override
    public void onNext(RestoreReply value) {
        reply.complete(value);
    }

    @Override
    public void onError(Throwable t) {
        reply.completeExceptionally(t);
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }

    @Override
    public void onCompleted() {
        reply.complete(RestoreReply.getDefaultInstance());
    }
}
