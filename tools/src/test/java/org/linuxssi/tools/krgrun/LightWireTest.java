package org.linuxssi.tools.krgrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.LocalRunEnd;
import org.linuxssi.api.v1.LocalRunHello;
import org.linuxssi.api.v1.LocalRunReply;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessSpec;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.Started;
import org.linuxssi.api.v1.WindowSize;
import org.linuxssi.tools.TerminalSize;

/** krgrun's hand-written light framing against the classes protobuf generates from process.proto. */
class LightWireTest {

    @Test
    void aStartIsTheRunRequestProtobufWouldWrite() throws IOException {
        RunStart start = new RunStart(List.of("sh", "-c", "echo é; exit 3", ""), List.of("A=1", "EMPTY=", "PATH=/bin"),
                "/home/ann", true, new TerminalSize(50, 132), 512L * 1024 * 1024, 4094, "round_robin");

        RunInput parsed = RunInput.parseDelimitedFrom(new ByteArrayInputStream(RunInputs.start(start)));

        assertThat(parsed).isEqualTo(RunInput.newBuilder().setStart(RunRequest.newBuilder()
                .setSpec(ProcessSpec.newBuilder().addAllArgv(start.argv()).addAllEnv(start.env()).setCwd("/home/ann")
                        .setPty(true).setWindow(WindowSize.newBuilder().setRows(50).setCols(132))
                        .setMemBytes(512L * 1024 * 1024))
                .setNodeId(4094).setPolicy("round_robin")).build());
    }

    @Test
    void aStartWithDefaultsLeavesTheirFieldsOutAsProtobufDoes() throws IOException {
        RunStart start = new RunStart(List.of("true"), List.of(), "/", false, null, 0, 0, null);
        RunInput expected = RunInput.newBuilder().setStart(RunRequest.newBuilder()
                .setSpec(ProcessSpec.newBuilder().addArgv("true").setCwd("/"))).build();

        assertThat(RunInputs.start(start)).isEqualTo(delimited(expected));
    }

    @Test
    void controlMessagesAndTheEndAreProtobufsBytes() throws IOException {
        byte[] chunk = new byte[70_000];
        new Random(7).nextBytes(chunk);

        assertThat(RunInputs.stdin(chunk, 65_536)).isEqualTo(delimited(RunInput.newBuilder()
                .setStdin(ByteString.copyFrom(chunk, 0, 65_536)).build()));
        assertThat(RunInputs.stdinEof()).isEqualTo(delimited(RunInput.newBuilder().setStdinEof(true).build()));
        assertThat(RunInputs.signal(15)).isEqualTo(delimited(RunInput.newBuilder().setSignal(15).build()));
        assertThat(RunInputs.windowChange(new TerminalSize(24, 80))).isEqualTo(delimited(RunInput.newBuilder()
                .setWindow(WindowSize.newBuilder().setRows(24).setCols(80)).build()));
        assertThat(RunInputs.END).isEqualTo(delimited(RunInput.getDefaultInstance()));
        assertThat(RunInputs.hello("krgrun", "1.4")).isEqualTo(delimited(LocalRunHello.newBuilder()
                .setComponent("krgrun").setVersion("1.4").build()));
    }

    @Test
    void everyReplyKindReadsAsProtobufWroteIt() throws IOException {
        assertThat(parse(output(RunOutput.newBuilder().setStarted(Started.newBuilder().setGpid(40_940_000_123L)
                .setNodeId(4094)))))
                .isEqualTo(new RunReply.Started(40_940_000_123L, 4094));
        assertThat(parse(LocalRunReply.newBuilder().setStdinTaken(5_000_000_000L).build()))
                .isEqualTo(new RunReply.StdinTaken(5_000_000_000L));
        assertThat(parse(LocalRunReply.newBuilder().setStdinTaken(0).build())).isEqualTo(new RunReply.StdinTaken(0));
        assertThat(parse(LocalRunReply.newBuilder().setEnd(LocalRunEnd.newBuilder().setCode(5)
                .setDescription("node 9 is not online (nodes: 1, 2)").setFromDaemon(true)).build()))
                .isEqualTo(new RunReply.End(5, "node 9 is not online (nodes: 1, 2)", true));
        assertThat(parse(LocalRunReply.getDefaultInstance())).isEqualTo(new RunReply.Unknown());
        assertThat(parse(output(RunOutput.newBuilder()))).isEqualTo(new RunReply.Unknown());
    }

    @Test
    void anExitKeepsWhatKrgrunsStatusNeedsWithNegativeNumbersAndFieldsItSkips() throws IOException {
        ProcessExit exit = ProcessExit.newBuilder().setStatus(-1).setExitCode(-2).setSignal(9).setSignalName("KILL")
                .setCoreDumped(true).setUserCpuUs(123).setSysCpuUs(456).setMaxRssKb(789).setStartMs(-5)
                .setEndMs(1_700_000_000_000L).setError("node 2 was lost ✗").build();

        assertThat(parse(output(RunOutput.newBuilder().setExit(exit))))
                .isEqualTo(new RunReply.Exit(-1, -2, 9, "node 2 was lost ✗"));
    }

    @Test
    void outputBytesAreAViewOfTheMessageUnchanged() throws IOException {
        byte[] bytes = new byte[300_000];
        new Random(11).nextBytes(bytes);
        for (boolean stderr : new boolean[] {false, true}) {
            ByteString payload = ByteString.copyFrom(bytes);
            byte[] message = output(stderr ? RunOutput.newBuilder().setStderr(payload)
                    : RunOutput.newBuilder().setStdout(payload)).toByteArray();

            RunReply.Output output = (RunReply.Output) RunReplyReader.parse(message, 0, message.length);

            assertThat(output.stderr()).isEqualTo(stderr);
            assertThat(output.array()).isSameAs(message);
            assertThat(Arrays.copyOfRange(output.array(), output.offset(), output.offset() + output.length()))
                    .isEqualTo(bytes);
        }
    }

    @Test
    void fieldsOfANewerDaemonAreSkippedWhateverTheirWireType() throws IOException {
        UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
                .addField(90, UnknownFieldSet.Field.newBuilder().addVarint(-1L).build())
                .addField(91, UnknownFieldSet.Field.newBuilder().addFixed64(42L).build())
                .addField(92, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("x"))
                        .build())
                .addField(93, UnknownFieldSet.Field.newBuilder().addFixed32(7).build())
                .build();
        LocalRunReply reply = LocalRunReply.newBuilder().setOutput(RunOutput.newBuilder()
                .setStarted(Started.newBuilder().setGpid(20_000_042L).setNodeId(2).setUnknownFields(unknown))
                .setUnknownFields(unknown)).setUnknownFields(unknown).build();

        assertThat(parse(reply)).isEqualTo(new RunReply.Started(20_000_042L, 2));
    }

    @Test
    void aTruncatedOrMalformedMessageIsAnErrorNotAWrongReply() {
        byte[] message = output(RunOutput.newBuilder().setStdout(ByteString.copyFromUtf8("hello"))).toByteArray();

        assertThatThrownBy(() -> RunReplyReader.parse(message, 0, message.length - 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("linuxssid sent");
        assertThatThrownBy(() -> RunReplyReader.parse(new byte[] {0x0b}, 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("wire type 3");
        assertThatThrownBy(() -> RunReplyReader.parse(new byte[] {0x10, (byte) 0x80}, 0, 2))
                .isInstanceOf(IOException.class).hasMessageContaining("ends inside a number");
    }

    private static LocalRunReply output(RunOutput.Builder output) {
        return LocalRunReply.newBuilder().setOutput(output).build();
    }

    private static RunReply parse(LocalRunReply reply) throws IOException {
        byte[] bytes = reply.toByteArray();
        return RunReplyReader.parse(bytes, 0, bytes.length);
    }

    private static byte[] delimited(com.google.protobuf.MessageLite message) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeDelimitedTo(out);
        return out.toByteArray();
    }
}
