package org.linuxssi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.AttachRequest;
import org.linuxssi.api.v1.NodeAgentGrpc;
import org.linuxssi.api.v1.RunOutput;

class BulkReceiveNegotiatorTest {

    private static final int SETTINGS = 0x4;
    private static final int ACK = 0x1;
    private static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
    private static final int PREFACE_BYTES = 24;

    /** What the channel sends a peer that never answers: its preface, its SETTINGS, then the larger frame size. */
    @Test
    void aChannelToAnotherDaemonAllowsItFramesOf256KiB() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ManagedChannel channel = GrpcEndpoints.tcpChannel("127.0.0.1", listener.getLocalPort(), Component.daemon());
            try {
                // Channels connect on their first call; this one waits in vain for an answer.
                NodeAgentGrpc.newStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .attach(AttachRequest.getDefaultInstance(), new Ignored());
                try (Socket peer = listener.accept()) {
                    peer.setSoTimeout(10_000);
                    DataInputStream in = new DataInputStream(peer.getInputStream());
                    in.readFully(new byte[PREFACE_BYTES]);
                    long allowed = -1;
                    for (int frames = 0; frames < 10 && allowed < 0; frames++) {
                        allowed = maxFrameSizeIn(in);
                    }
                    assertThat(allowed).isEqualTo(BulkReceiveNegotiator.MAX_FRAME_BYTES);
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }

    /** 24 MiB in 1 MiB messages between two real endpoints: every byte arrives, in order. */
    @Test
    void largeMessagesArriveWhole() throws Exception {
        byte[] message = new byte[1024 * 1024];
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        Random random = new Random(7);
        int count = 24;
        List<BindableService> services = List.of(new NodeAgentGrpc.NodeAgentImplBase() {
            @Override
            public void attach(AttachRequest request, StreamObserver<RunOutput> out) {
                for (int i = 0; i < count; i++) {
                    random.nextBytes(message);
                    sent.update(message);
                    out.onNext(RunOutput.newBuilder().setStdout(ByteString.copyFrom(message)).build());
                }
                out.onCompleted();
            }
        });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Server server = GrpcEndpoints.tcpServer(address, Component.daemon(), () -> 1, services);
        ManagedChannel channel = GrpcEndpoints.tcpChannel("127.0.0.1", server.getPort(), Component.daemon());
        try {
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long bytes = 0;
            Iterator<RunOutput> outputs = NodeAgentGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .attach(AttachRequest.getDefaultInstance());
            while (outputs.hasNext()) {
                ByteString stdout = outputs.next().getStdout();
                received.update(stdout.asReadOnlyByteBuffer());
                bytes += stdout.size();
            }
            assertThat(bytes).isEqualTo((long) count * message.length);
            assertThat(received.digest()).isEqualTo(sent.digest());
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    /** Reads one HTTP/2 frame: the SETTINGS_MAX_FRAME_SIZE it sets, else -1. */
    private static long maxFrameSizeIn(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        long found = -1;
        if (type == SETTINGS && (flags & ACK) == 0) {
            for (int at = 0; at + 6 <= length; at += 6) {
                int id = (payload[at] & 0xff) << 8 | payload[at + 1] & 0xff;
                long value = ((payload[at + 2] & 0xffL) << 24) | (payload[at + 3] & 0xff) << 16
                        | (payload[at + 4] & 0xff) << 8 | payload[at + 5] & 0xff;
                if (id == SETTINGS_MAX_FRAME_SIZE) {
                    found = value;
                }
            }
        }
        return found;
    }

    private static final class Ignored implements StreamObserver<RunOutput> {
        @Override
        public void onNext(RunOutput value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
