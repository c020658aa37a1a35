package org.linuxssi.node.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Detachable;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.linuxssi.api.v1.RunOutput;

/**
 * RunOutput as a relaying daemon receives it. A stdout or stderr message keeps the transport's
 * received buffers (gRPC's {@link Detachable}) and its bytes are views of them, released by whoever
 * passes them on ({@link RelayedOutput#release}): no copy at all. Any other message, or a transport
 * that cannot lend its buffers, is read into an array of its own once, its bytes views of that array
 * (gRPC's own marshaller copies them twice).
 */
final class AliasingOutputMarshaller implements MethodDescriptor.Marshaller<RelayedOutput> {

    private static final MethodDescriptor.Marshaller<RunOutput> PROTO = ProtoUtils.marshaller(RunOutput.getDefaultInstance());
    private static final int STDOUT_TAG = RunOutput.STDOUT_FIELD_NUMBER << 3 | 2;
    private static final int STDERR_TAG = RunOutput.STDERR_FIELD_NUMBER << 3 | 2;

    @Override
    public InputStream stream(RelayedOutput value) {
        return PROTO.stream(value.output());
    }

    @Override
    public RelayedOutput parse(InputStream stream) {
        try {
            if (stream instanceof Detachable detachable && stream instanceof HasByteBuffer lends
                    && lends.byteBufferSupported() && stream.markSupported() && stream instanceof KnownLength) {
                InputStream held = detachable.detach();
                RelayedOutput viewed = null;
                try {
                    viewed = views(held);
                    return viewed != null ? viewed : new RelayedOutput(copied(held), null);
                } finally {
                    if (viewed == null) {
                        held.close();
                    }
                }
            }
            return new RelayedOutput(copied(stream), null);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("invalid RunOutput: " + e.getMessage()).withCause(e).asRuntimeException();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("RunOutput not read: " + e.getMessage()).withCause(e).asRuntimeException();
        }
    }

    /**
     * A message that is stdout or stderr alone, its bytes views of {@code held}'s buffers (kept until
     * the output is released); null, with {@code held} back at its start, for any other message.
     */
    private static RelayedOutput views(InputStream held) throws IOException {
        if (!(held instanceof HasByteBuffer lends) || !lends.byteBufferSupported() || !held.markSupported()) {
            return null;
        }
        // Marked, the stream keeps the buffers it has read past instead of releasing them.
        held.mark(Integer.MAX_VALUE);
        int total = held.available();
        int tag = held.read();
        long length = tag == STDOUT_TAG || tag == STDERR_TAG ? readVarint(held) : -1;
        if (length < 0 || total - held.available() + length != total) {
            held.reset();
            return null;
        }
        List<ByteString> parts = new ArrayList<>();
        long left = length;
        int idle = 0;
        while (left > 0) {
            ByteBuffer view = lends.getByteBuffer();
            int n = view == null ? 0 : (int) Math.min(view.remaining(), left);
            if (n > 0) {
                parts.add(UnsafeByteOperations.unsafeWrap(view.slice(view.position(), n)));
                left -= n;
                idle = 0;
            } else if (++idle > 2) {
                held.reset();
                return null;
            }
            // Also moves past a buffer read to its end.
            held.skip(n);
        }
        ByteString bytes = ByteString.copyFrom(parts);
        RunOutput output = tag == STDOUT_TAG ? RunOutput.newBuilder().setStdout(bytes).build()
                : RunOutput.newBuilder().setStderr(bytes).build();
        return new RelayedOutput(output, held);
    }

    private static long readVarint(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        return -1;
    }

    /** The message read into an array of its own, its bytes views of that array. */
    private static RunOutput copied(InputStream stream) throws IOException {
        byte[] bytes;
        if (stream instanceof KnownLength) {
            bytes = new byte[stream.available()];
            int read = stream.readNBytes(bytes, 0, bytes.length);
            if (read != bytes.length) {
                throw new IOException("a message cut short: " + read + " of " + bytes.length + " bytes");
            }
        } else {
            bytes = stream.readAllBytes();
        }
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        return RunOutput.parseFrom(in);
    }
}
