package org.linuxssi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.ClusterStatusRequest;
import org.linuxssi.api.v1.LocalRunHello;
import org.linuxssi.api.v1.LocalRunReply;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.Started;

/**
 * The light framing of the Unix socket (LocalRunWire) against a real server: a Processes service
 * sees a light run as a gRPC call, with the caller's identity, its inputs on request and the tool's
 * leaving; gRPC still works on the same socket; bad tools are refused with one line.
 */
class LocalRunConnectionTest {

    private Path dir;
    private Path socket;
    private Server server;
    /** What the service saw, in order: "start uid=N", "stdin ...", "signal N", "half-close", "error CODE". */
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    /** Requests the test lets the service make after the first input, one per element. */
    private final BlockingQueue<Boolean> allowRequests = new LinkedBlockingQueue<>();

    @BeforeEach
    void startServer() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "lssi-light");
        socket = dir.resolve("s.sock");
        server = GrpcEndpoints.unixServer(socket, Component.daemon(), () -> 1, List.of(new Echo(), new Processes()));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    @Test
    void aLightRunReachesTheProcessesServiceAsItsCallerWithItsInputsInOrder() throws Exception {
        allowRequests.add(true);
        allowRequests.add(true);
        allowRequests.add(true);
        try (Client client = new Client("1.0")) {
            client.send(RunInput.newBuilder().setStart(RunRequest.newBuilder().setNodeId(2)).build());
            LocalRunReply started = client.read();
            assertThat(started.getOutput().getStarted().getNodeId()).isEqualTo(2);
            assertThat(next()).isEqualTo("start uid=" + ownUid());

            client.send(RunInput.newBuilder().setStdin(ByteString.copyFromUtf8("abc")).build());
            client.send(RunInput.newBuilder().setSignal(10).build());
            List<LocalRunReply> replies = List.of(client.read(), client.read());
            assertThat(replies).as("the echo and the daemon's account of the input it took")
                    .contains(LocalRunReply.newBuilder().setStdinTaken(3).build(),
                            LocalRunReply.newBuilder().setOutput(RunOutput.newBuilder()
                                    .setStdout(ByteString.copyFromUtf8("abc"))).build());
            assertThat(next()).isEqualTo("stdin abc");
            assertThat(next()).isEqualTo("signal 10");

            client.send(RunInput.getDefaultInstance());
            assertThat(client.read().getOutput().getExit().getStatus()).isEqualTo(7);
            assertThat(client.read()).as("the daemon closes the connection after the exit").isNull();
            assertThat(next()).isEqualTo("half-close");
        }
    }

    @Test
    void grpcCallsStillWorkOnTheSameSocket() throws Exception {
        ManagedChannel channel = GrpcEndpoints.unixChannel(socket, Component.tool("test"));
        try {
            ClusterStatusReply reply = ClusterAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getClusterStatus(ClusterStatusRequest.getDefaultInstance());
            assertThat(reply.getNodeId()).isEqualTo(42);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aToolOfAnotherMajorVersionIsRefusedWithTheVersionCheckLine() throws Exception {
        try (Client client = new Client("99.0")) {
            LocalRunReply reply = client.read();
            assertThat(reply.getEnd().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION.value());
            assertThat(reply.getEnd().getFromDaemon()).isTrue();
            assertThat(reply.getEnd().getDescription()).contains("99.0");
            assertThat(client.read()).isNull();
        }
        assertThat(seen.poll(500, TimeUnit.MILLISECONDS)).as("the service never ran").isNull();
    }

    @Test
    void bytesThatAreNotProtobufAreRefusedWithOneLine() throws Exception {
        try (Client client = new Client("1.0")) {
            client.out.write(new byte[] {5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            client.out.flush();
            LocalRunReply reply = client.read();
            assertThat(reply.getEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
            assertThat(reply.getEnd().getDescription()).contains("not valid protobuf");
        }
    }

    @Test
    void aToolThatLeavesCancelsItsRun() throws Exception {
        try (Client client = new Client("1.0")) {
            client.send(RunInput.newBuilder().setStart(RunRequest.getDefaultInstance()).build());
            assertThat(client.read().getOutput().hasStarted()).isTrue();
            assertThat(next()).startsWith("start");
        }
        assertThat(next()).isEqualTo("cancelled");
        assertThat(next()).isEqualTo("error CANCELLED");
    }

    @Test
    void largeOutputIsOneReplyWithItsBytesUnchanged() throws Exception {
        allowRequests.add(true);
        allowRequests.add(true);
        byte[] bytes = new byte[200 * 1024 + 7];
        new java.util.Random(7).nextBytes(bytes);
        try (Client client = new Client("1.0")) {
            client.send(RunInput.newBuilder().setStart(RunRequest.getDefaultInstance()).build());
            assertThat(client.read().getOutput().hasStarted()).isTrue();
            // The daemon writes an output this large as a header and then the bytes, in pieces.
            client.send(RunInput.newBuilder().setStdin(ByteString.copyFrom(bytes)).build());
            List<LocalRunReply> replies = List.of(client.read(), client.read());
            assertThat(replies).contains(LocalRunReply.newBuilder().setOutput(RunOutput.newBuilder()
                    .setStdout(ByteString.copyFrom(bytes))).build());
        }
    }

    @Test
    void outputInDirectBuffersGoesAsItIsAndIsReleasedOnceWritten() throws Exception {
        allowRequests.add(true);
        allowRequests.add(true);
        byte[] bytes = new byte[300 * 1024 + 11];
        new java.util.Random(11).nextBytes(bytes);
        try (Client client = new Client("1.0")) {
            client.send(RunInput.newBuilder().setStart(RunRequest.getDefaultInstance()).build());
            assertThat(client.read().getOutput().hasStarted()).isTrue();
            assertThat(next()).startsWith("start");
            // The service passes these bytes on as views of three direct buffers (a relaying daemon's).
            client.send(RunInput.newBuilder().setStdin(DIRECT.concat(ByteString.copyFrom(bytes))).build());
            assertThat(client.read()).isEqualTo(LocalRunReply.newBuilder().setOutput(RunOutput.newBuilder()
                    .setStdout(ByteString.copyFrom(bytes))).build());
            assertThat(next()).isEqualTo("released");
        }
    }

    /** Stdin starting with this is echoed from direct buffers through {@link ReleasingOutputs}. */
    private static final ByteString DIRECT = ByteString.copyFromUtf8("direct:");

    /** {@code bytes} as views of three direct buffers. */
    private static ByteString inDirectBuffers(ByteString bytes) {
        List<ByteString> parts = new java.util.ArrayList<>();
        int third = bytes.size() / 3 + 1;
        for (int at = 0; at < bytes.size(); at += third) {
            ByteString piece = bytes.substring(at, Math.min(bytes.size(), at + third));
            java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(piece.size());
            direct.put(piece.asReadOnlyByteBuffer()).flip();
            parts.add(com.google.protobuf.UnsafeByteOperations.unsafeWrap(direct));
        }
        return ByteString.copyFrom(parts);
    }

    @Test
    void stdinBeyondTheWindowIsRefusedInsteadOfBuffered() throws Exception {
        try (Client client = new Client("1.0")) {
            client.send(RunInput.newBuilder().setStart(RunRequest.getDefaultInstance()).build());
            assertThat(client.read().getOutput().hasStarted()).isTrue();
            // The service takes no input: a tool that ignores the window is cut off.
            ByteString chunk = ByteString.copyFrom(new byte[64 * 1024]);
            LocalRunReply reply = null;
            try {
                for (int i = 0; i < 12; i++) {
                    client.send(RunInput.newBuilder().setStdin(chunk).build());
                }
            } catch (IOException closedByTheDaemon) {
                // expected once the daemon has refused
            }
            reply = client.read();
            assertThat(reply.getEnd().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
            assertThat(reply.getEnd().getDescription()).contains("window");
        }
    }

    private String next() throws InterruptedException {
        String event = seen.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("the service saw something within 20 s").isNotNull();
        return event;
    }

    private static int ownUid() throws IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        return Integer.parseInt(status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow()
                .split("\\s+")[1]);
    }

    /** A tool speaking the light framing, one thread, blocking. */
    private final class Client implements AutoCloseable {
        final SocketChannel channel;
        final OutputStream out;
        final InputStream in;

        Client(String version) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            out = Channels.newOutputStream(channel);
            in = Channels.newInputStream(channel);
            out.write(LocalRunWire.MAGIC);
            LocalRunHello.newBuilder().setComponent("test").setVersion(version).build().writeDelimitedTo(out);
            out.flush();
        }

        void send(RunInput input) throws IOException {
            input.writeDelimitedTo(out);
            out.flush();
        }

        /** The next reply, or null at the end of the connection. */
        LocalRunReply read() throws IOException {
            return LocalRunReply.parseDelimitedFrom(in);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class Echo extends ClusterAdminGrpc.ClusterAdminImplBase {
        @Override
        public void getClusterStatus(ClusterStatusRequest request, StreamObserver<ClusterStatusReply> reply) {
            reply.onNext(ClusterStatusReply.newBuilder().setNodeId(42).build());
            reply.onCompleted();
        }
    }

    /** Starts on `start`, echoes stdin as stdout, exits 7 at the half-close; records all it sees. */
    private final class Processes extends ProcessesGrpc.ProcessesImplBase {
        @Override
        public StreamObserver<RunInput> run(StreamObserver<RunOutput> responses) {
            ServerCallStreamObserver<RunOutput> out = (ServerCallStreamObserver<RunOutput>) responses;
            CallerCredentials caller = CallerCredentials.current().orElseThrow();
            out.disableAutoRequest();
            out.setOnCancelHandler(() -> seen.add("cancelled"));
            out.request(1);
            return new StreamObserver<>() {
                @Override
                public void onNext(RunInput input) {
                    switch (input.getInputCase()) {
                        case START -> {
                            seen.add("start uid=" + caller.uid());
                            out.onNext(RunOutput.newBuilder().setStarted(Started.newBuilder()
                                    .setNodeId(input.getStart().getNodeId())).build());
                        }
                        case STDIN -> {
                            if (input.getStdin().startsWith(DIRECT)) {
                                ((ReleasingOutputs) out).onNext(RunOutput.newBuilder().setStdout(inDirectBuffers(
                                        input.getStdin().substring(DIRECT.size()))).build(), () -> seen.add("released"));
                                break;
                            }
                            seen.add("stdin " + input.getStdin().toStringUtf8());
                            out.onNext(RunOutput.newBuilder().setStdout(input.getStdin()).build());
                        }
                        case SIGNAL -> seen.add("signal " + input.getSignal());
                        default -> seen.add(input.getInputCase().name());
                    }
                    if (allowRequests.poll() != null) {
                        out.request(1);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    seen.add("error " + Status.fromThrowable(t).getCode());
                }

                @Override
                public void onCompleted() {
                    seen.add("half-close");
                    out.onNext(RunOutput.newBuilder().setExit(ProcessExit.newBuilder().setStatus(7)).build());
                    out.onCompleted();
                }
            };
        }
    }
}
