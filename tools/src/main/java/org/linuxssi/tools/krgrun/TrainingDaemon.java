package org.linuxssi.tools.krgrun;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.linuxssi.api.LocalRunWire;

/**
 * A stand-in for linuxssid during {@link org.linuxssi.tools.ClassDataTraining} only: it answers
 * krgrun's light framing with a run that starts, prints a line on each stream and exits 0, so that
 * the training loads every class a real run of krgrun loads, up to its exit, and no other (it writes
 * its replies with krgrun's own {@link WireWriter}, so the protobuf runtime stays out of krgrun's
 * cache). It never runs anything.
 */
public final class TrainingDaemon implements AutoCloseable {

    private final ServerSocketChannel server;

    public TrainingDaemon(Path socket) throws IOException {
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
        DataInputStream in = new DataInputStream(Channels.newInputStream(connection));
        in.readFully(new byte[LocalRunWire.MAGIC.length]);
        // The hello, then the start.
        skipMessage(in);
        skipMessage(in);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        // Started{gpid = 1, node_id = 2}.
        output(replies, new WireWriter().message(RunReplyReader.STARTED,
                new WireWriter().uint64(1, 20_000_042L).int32(2, 2)));
        byte[] out = "out\n".getBytes(StandardCharsets.UTF_8);
        byte[] err = "err\n".getBytes(StandardCharsets.UTF_8);
        output(replies, new WireWriter().bytes(RunReplyReader.STDOUT, out, 0, out.length));
        output(replies, new WireWriter().bytes(RunReplyReader.STDERR, err, 0, err.length));
        replies.writeBytes(new WireWriter().uint64(RunReplyReader.STDIN_TAKEN, 1).delimited());
        output(replies, new WireWriter().message(RunReplyReader.EXIT, new WireWriter()));
        ByteBuffer bytes = ByteBuffer.wrap(replies.toByteArray());
        while (bytes.hasRemaining()) {
            connection.write(bytes);
        }
    }

    /** LocalRunReply{output: RunOutput{...}}. */
    private static void output(ByteArrayOutputStream replies, WireWriter output) {
        replies.writeBytes(new WireWriter().message(RunReplyReader.OUTPUT, output).delimited());
    }

    private static void skipMessage(InputStream in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("krgrun closed the connection");
            }
            length |= (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        in.skipNBytes(length);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
