package org.linuxssi.node.rpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import org.linuxssi.api.v1.RunOutput;

/**
 * RunOutput as a relaying daemon receives it: the message is read into an array of its own once and
 * its stdout or stderr bytes are a view of that array. gRPC's own marshaller copies them twice (into
 * a reused buffer, then out of it), for a message the origin only passes on.
 */
final class AliasingOutputMarshaller implements MethodDescriptor.Marshaller<RunOutput> {

    private static final MethodDescriptor.Marshaller<RunOutput> PROTO = ProtoUtils.marshaller(RunOutput.getDefaultInstance());

    @Override
    public InputStream stream(RunOutput value) {
        return PROTO.stream(value);
    }

    @Override
    public RunOutput parse(InputStream stream) {
        try {
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
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("invalid RunOutput: " + e.getMessage()).withCause(e).asRuntimeException();
        } catch (IOException e) {
            throw Status.INTERNAL.withDescription("RunOutput not read: " + e.getMessage()).withCause(e).asRuntimeException();
        }
    }
}
