package org.linuxssi.shepherd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard streams: spools, the input FIFO and the pseudo-terminal, byte for byte. */
class StdioTest {

    @TempDir
    Path root;
    ShepherdHarness shepherds;

    @BeforeEach
    void start() {
        shepherds = new ShepherdHarness(root);
    }

    @AfterEach
    void cleanUp() throws IOException {
        shepherds.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void writeAll(FileChannel ch, byte[] data, int from, int to) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data, from, to - from);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    @Test
    void stdoutAndStderrAreSeparateAndByteIdenticalForBinaryData() throws Exception {
        byte[] out = random(5 << 20, 1);
        byte[] err = random(3 << 20, 2);
        Path in = Files.write(root.resolve("in.bin"), out);
        Path errSource = Files.write(root.resolve("err.bin"), err);
        ShepherdSpec spec = shepherds.spec("sh", "-c", "cat; cat \"$0\" >&2", errSource.toString())
                .stdin(Stdio.file(in)).stdout(Stdio.spool()).stderr(Stdio.spool()).build();

        assertThat(shepherds.run(spec).exitCode()).hasValue(0);
        ShepherdStateDir dir = new ShepherdStateDir(spec.stateDir());
        assertThat(Files.mismatch(dir.stdout(), in)).isEqualTo(-1);
        assertThat(Files.mismatch(dir.stderr(), errSource)).isEqualTo(-1);
    }

    @Test
    void fifoStdinSurvivesItsWriterGoingAwayAndEndsOnStdinEof() throws Exception {
        byte[] data = random(5 << 20, 3);
        var launched = shepherds.launch(shepherds.spec("cat").stdin(Stdio.fifo()).stdout(Stdio.spool()).build());
        ShepherdStateDir dir = launched.stateDir();

        // First writer (a daemon that is about to die) goes away mid-stream: no EOF for the program.
        try (FileChannel first = dir.openStdin()) {
            writeAll(first, data, 0, data.length / 2);
        }
        try (FileChannel second = dir.openStdin()) {
            writeAll(second, data, data.length / 2, data.length);
        }
        await().atMost(ShepherdHarness.PATIENCE).until(() -> Files.size(dir.stdout()) == data.length);
        assertThat(Processes.isAlive(launched.childPid())).as("cat still waits for input").isTrue();
        dir.command("stdin-eof");

        assertThat(shepherds.awaitStatus(dir).exitCode()).hasValue(0);
        assertThat(Files.readAllBytes(dir.stdout())).isEqualTo(data);
    }

    @Test
    void fileOutputCanAppendAndStderrCanJoinStdout() throws Exception {
        Path log = Files.writeString(root.resolve("job.log"), "before\n");
        ShepherdSpec spec = shepherds.spec("sh", "-c", "echo out; echo err >&2; echo out2")
                .stdout(Stdio.appendTo(log)).stderr(Stdio.joinStdout()).build();

        assertThat(shepherds.run(spec).exitCode()).hasValue(0);
        assertThat(Files.readString(log)).isEqualTo("before\nout\nerr\nout2\n");
    }

    @Test
    void ptyRelaysInputAndOutputAndFollowsWindowSize() throws Exception {
        var launched = shepherds.launch(shepherds.spec("sh", "-c",
                "tty; stty size; read a; stty size; cat; echo \"got:$a:end\"; exit 5").terminal(30, 100).build());
        ShepherdStateDir dir = launched.stateDir();
        await().atMost(ShepherdHarness.PATIENCE).until(() -> Files.readString(dir.stdout()).contains("30 100"));

        // A command written before input is applied before that input reaches the terminal.
        dir.command("winsize 50 132");
        try (FileChannel in = dir.openStdin()) {
            writeAll(in, "one\ntwo\n".getBytes(StandardCharsets.US_ASCII), 0, 8);
        }
        dir.command("stdin-eof");
        ShepherdStatus status = shepherds.awaitStatus(dir);

        assertThat(status.exitCode()).hasValue(5);
        String screen = Files.readString(dir.stdout()).replace("\r\n", "\n");
        assertThat(screen).startsWith("/dev/pts/").contains("30 100\n");
        assertThat(screen.substring(screen.indexOf("30 100"))).contains("50 132\n");
        // Output is complete when status appears: the last line is there.
        assertThat(screen).endsWith("got:one:end\n");
        assertThat(Arrays.asList(screen.split("\n"))).contains("two");
    }

    @Test
    void ptyOutputIsCompleteWhenTheStatusAppears() throws Exception {
        ShepherdSpec spec = shepherds.spec("seq", "1", "100000").terminal(24, 80).build();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 100000; i++) {
            expected.append(i).append("\r\n");
        }

        assertThat(shepherds.run(spec).exitCode()).hasValue(0);
        assertThat(Files.readString(new ShepherdStateDir(spec.stateDir()).stdout())).isEqualTo(expected.toString());
    }
}
