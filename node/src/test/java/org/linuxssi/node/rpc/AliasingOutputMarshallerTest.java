package org.linuxssi.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.internal.CompositeReadableBuffer;
import io.grpc.internal.ForwardingReadableBuffer;
import io.grpc.internal.ReadableBuffers;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.Started;

/**
 * A relaying daemon's decoding of RunOutput from gRPC's received buffers (here direct buffers in a
 * composite, as the Netty transport hands them over): stdout's bytes stay in those buffers until released.
 */
class AliasingOutputMarshallerTest {

    private final AtomicInteger released = new AtomicInteger();

    @Test
    void stdoutIsAViewOfTheReceivedBuffersHeldUntilReleased() throws Exception {
        byte[] bytes = new byte[100_000];
        new Random(3).nextBytes(bytes);
        InputStream received = received(RunOutput.newBuilder().setStdout(ByteString.copyFrom(bytes)).build(),
                2, 40_000, 70_001);

        RelayedOutput output = new AliasingOutputMarshaller().parse(received);
        received.close();

        assertThat(released).as("gRPC closes the message's stream after the parse: the buffers stay").hasValue(0);
        assertThat(output.output().getStdout()).isEqualTo(ByteString.copyFrom(bytes));
        assertThat(output.output().getStdout().asReadOnlyByteBufferList()).as("views, not copies")
                .allMatch(ByteBuffer::isDirect);
        output.release();
        assertThat(released).hasValue(4);
        output.release();
        assertThat(released).as("once").hasValue(4);
    }

    @Test
    void anyOtherMessageIsReadIntoAnArrayOfItsOwnAndHoldsNothing() throws Exception {
        RunOutput started = RunOutput.newBuilder().setStarted(Started.newBuilder().setGpid(20_000_123).setNodeId(2)).build();
        InputStream received = received(started, 3);

        RelayedOutput output = new AliasingOutputMarshaller().parse(received);

        assertThat(output.output()).isEqualTo(started);
        received.close();
        assertThat(released).hasValue(2);
        output.release();
        assertThat(released).hasValue(2);
    }

    /** {@code message} as gRPC gives it to a marshaller: a stream over direct buffers cut at {@code cuts}. */
    private InputStream received(RunOutput message, int... cuts) {
        byte[] serialised = message.toByteArray();
        CompositeReadableBuffer composite = new CompositeReadableBuffer();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : serialised.length;
            ByteBuffer direct = ByteBuffer.allocateDirect(to - from);
            direct.put(serialised, from, to - from).flip();
            composite.addBuffer(new ForwardingReadableBuffer(ReadableBuffers.wrap(direct)) {
                @Override
                public void close() {
                    released.incrementAndGet();
                }
            });
            from = to;
        }
        return ReadableBuffers.openStream(composite, true);
    }
}
