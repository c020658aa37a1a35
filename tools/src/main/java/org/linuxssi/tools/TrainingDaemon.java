package org.linuxssi.tools;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.linuxssi.api.LocalRunWire;
import org.linuxssi.api.v1.LocalRunHello;
import org.linuxssi.api.v1.LocalRunReply;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.Started;

/**
 * A stand-in for linuxssid during {@link ClassDataTraining} only: it answers krgrun's light framing
 * with a run that starts, prints a line on each stream and exits 0, so that the training loads every
 * class a real run of krgrun loads, up to its exit. It never runs anything.
 */
final class TrainingDaemon implements AutoCloseable {

    private final ServerSocketChannel server;

    TrainingDaemon(Path socket) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofPlatform().daemon().name("training-daemon").start(this::serve);
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                answer(connection);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(SocketChannel connection) throws IOException {
        InputStream in = Channels.newInputStream(connection);
        if (in.readNBytes(LocalRunWire.MAGIC.length).length < LocalRunWire.MAGIC.length
                || LocalRunHello.parseDelimitedFrom(in) == null) {
            return;
        }
        RunInput start = RunInput.parseDelimitedFrom(in);
        if (start == null) {
            return;
        }
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        output(replies, RunOutput.newBuilder().setStarted(Started.newBuilder().setGpid(20_000_042L).setNodeId(2)));
        output(replies, RunOutput.newBuilder().setStdout(ByteString.copyFromUtf8("out\n")));
        output(replies, RunOutput.newBuilder().setStderr(ByteString.copyFromUtf8("err\n")));
        LocalRunReply.newBuilder().setStdinTaken(0).build().writeDelimitedTo(replies);
        output(replies, RunOutput.newBuilder().setExit(ProcessExit.newBuilder().setStatus(0)));
        ByteBuffer bytes = ByteBuffer.wrap(replies.toByteArray());
        while (bytes.hasRemaining()) {
            connection.write(bytes);
        }
    }

    private static void output(ByteArrayOutputStream replies, RunOutput.Builder output) throws IOException {
        LocalRunReply.newBuilder().setOutput(output).build().writeDelimitedTo(replies);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
