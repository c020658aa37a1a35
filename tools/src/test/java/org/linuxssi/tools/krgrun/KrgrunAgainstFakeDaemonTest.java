package org.linuxssi.tools.krgrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.linuxssi.tools.FakeRun.exitWith;
import static org.linuxssi.tools.FakeRun.started;
import static org.linuxssi.tools.FakeRun.stderr;
import static org.linuxssi.tools.FakeRun.stdout;

import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ProcessSpec;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.WindowSize;
import org.linuxssi.tools.FakeDaemon;
import org.linuxssi.tools.FakeRun;
import org.linuxssi.tools.Krgrun;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.RecordingSignalTrap;
import org.linuxssi.tools.RecordingTerminal;
import org.linuxssi.tools.Stall;
import org.linuxssi.tools.TerminalSize;
import org.linuxssi.tools.ToolRun;

/** krgrun's stream against a fake Processes.Run on a real Unix socket. */
@Timeout(60)
class KrgrunAgainstFakeDaemonTest {

    private static final String NL = System.lineSeparator();
    private static final Path CWD = Path.of("/srv/work");
    private static final RunInput EOF = RunInput.newBuilder().setStdinEof(true).build();

    private FakeDaemon daemon;
    private final RecordingSignalTrap signals = new RecordingSignalTrap();
    private final RecordingTerminal terminal = new RecordingTerminal();
    private final AtomicInteger stops = new AtomicInteger();

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = new FakeDaemon();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        daemon.close();
    }

    private Map<String, String> env() {
        return Map.of("LINUXSSI_SOCKET", daemon.socket().toString(), "HOME", "/home/ann", "LANG", "C.UTF-8");
    }

    private LocalSide local(InputStream stdin, boolean stdinIsTerminal) {
        return LocalSide.inProcess().withStdin(stdin, stdinIsTerminal).withCwd(CWD).withTerminal(terminal)
                .withSignals(signals, stops::incrementAndGet);
    }

    private LocalSide noStdin() {
        return local(new ByteArrayInputStream(new byte[0]), false);
    }

    private ToolRun krgrun(LocalSide local, String... args) {
        return ToolRun.of((out, err) -> Krgrun.run(args, local, out, err, env()));
    }

    private CompletableFuture<ToolRun> krgrunInBackground(LocalSide local, String... args) {
        return CompletableFuture.supplyAsync(() -> krgrun(local, args));
    }

    private FakeRun theRun() {
        await().until(() -> !daemon.processes.runCalls.isEmpty());
        return daemon.processes.onlyRun();
    }

    private static ToolRun result(CompletableFuture<ToolRun> run) throws Exception {
        return run.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theStartCarriesArgvTheWholeEnvironmentTheCwdAndThePlacement() throws Exception {
        ToolRun run = krgrun(noStdin(), "-n", "3", "--policy", "pack", "--mem", "512M", "-e", "LANG=POSIX",
                "-e", "EXTRA=a=b", "--", "prog", "-x", "an arg");
        assertThat(run.exitCode()).isZero();
        assertThat(daemon.processes.onlyRun().start.get()).isEqualTo(RunRequest.newBuilder()
                .setNodeId(3).setPolicy("pack")
                .setSpec(ProcessSpec.newBuilder().addArgv("prog").addArgv("-x").addArgv("an arg")
                        .addEnv("EXTRA=a=b").addEnv("HOME=/home/ann").addEnv("LANG=POSIX")
                        .addEnv("LINUXSSI_SOCKET=" + daemon.socket())
                        .setCwd("/srv/work").setMemBytes(512L << 20))
                .build());
    }

    @Test
    void optionsAfterTheProgramAreTheProgramsOwn() throws Exception {
        krgrun(noStdin(), "ls", "-n", "3", "-t", "--mem", "1G");
        RunRequest start = daemon.processes.onlyRun().start.get();
        assertThat(start.getSpec().getArgvList()).containsExactly("ls", "-n", "3", "-t", "--mem", "1G");
        assertThat(start.getNodeId()).isZero();
        assertThat(start.getSpec().getPty()).isFalse();
        assertThat(start.getSpec().getMemBytes()).isZero();
    }

    @Test
    void stdoutAndStderrStaySeparateAndByteForByte() {
        byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '\r', '\n', (byte) 0x80};
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(), stdout("out 1\n"), stderr("err 1\n"),
                stdout(binary), stderr("err 2\n"), exitWith(ProcessExit.getDefaultInstance())));
        ToolRun run = krgrun(noStdin(), "prog");
        assertThat(run.exitCode()).isZero();
        byte[] expected = new byte[6 + binary.length];
        System.arraycopy("out 1\n".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 6);
        System.arraycopy(binary, 0, expected, 6, binary.length);
        assertThat(run.outBytes()).isEqualTo(expected);
        assertThat(run.err()).isEqualTo("err 1\nerr 2\n");
    }

    @ParameterizedTest(name = "status {0} (signal {1}) -> exit {2}")
    @CsvSource({"0,0,0", "3,0,3", "137,9,137", "130,2,130", "1,0,1"})
    void theExitCodeIsTheProgramsStatus(int status, int signal, int expected) {
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(),
                exitWith(ProcessExit.newBuilder().setStatus(status).setSignal(signal).build())));
        ToolRun run = krgrun(noStdin(), "prog");
        assertThat(run.exitCode()).isEqualTo(expected);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void printGpidComesBeforeAnyOutput() {
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(), stderr("warming up\n"),
                stdout("result\n"), exitWith(ProcessExit.getDefaultInstance())));
        ToolRun run = krgrun(noStdin(), "--print-gpid", "prog");
        assertThat(run.err()).isEqualTo("krgrun: gpid 20004242 on node 2" + NL + "warming up\n");
        assertThat(run.out()).isEqualTo("result\n");
        assertThat(krgrun(noStdin(), "prog").err()).isEqualTo("warming up\n");
    }

    @Test
    void aLostNodeIsOneLineAndExit255() {
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(), stdout("partial"),
                exitWith(ProcessExit.newBuilder().setStatus(255).setError("node 2 was lost").build())));
        ToolRun run = krgrun(noStdin(), "prog");
        assertThat(run.exitCode()).isEqualTo(255);
        assertThat(run.out()).isEqualTo("partial");
        assertThat(run.err()).isEqualTo("krgrun: node 2 was lost" + NL);
    }

    @Test
    void aProgramThatCouldNotStartIsOneLine() {
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(),
                exitWith(ProcessExit.newBuilder().setError("cannot execute /srv/work/prog: Permission denied")
                        .build())));
        ToolRun run = krgrun(noStdin(), "prog");
        assertThat(run.exitCode()).isEqualTo(255);
        assertThat(run.err()).isEqualTo("krgrun: cannot execute /srv/work/prog: Permission denied" + NL);
    }

    @Test
    void aProgramThatExecCouldNotFindExits127WithTheDaemonsLine() {
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(), exitWith(ProcessExit.newBuilder()
                .setStatus(127).setExitCode(127)
                .setError("cannot execute 'nosuch' on node 2: No such file or directory").build())));
        ToolRun run = krgrun(noStdin(), "nosuch");
        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.err()).isEqualTo("krgrun: cannot execute 'nosuch' on node 2: No such file or directory" + NL);
    }

    @Test
    void aRefusalBeforeTheStartIsTheDaemonsLineAndExitOne() {
        daemon.processes.runs = () -> new FakeRun.Scripted(DaemonError.invalidArgument(
                "unknown node 7 (online nodes: 1,2)"));
        ToolRun run = krgrun(noStdin(), "-n", "7", "prog");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("krgrun: unknown node 7 (online nodes: 1,2)" + NL);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aProgramNotFoundExits127LikeAShell() {
        daemon.processes.runs = () -> new FakeRun.Scripted(DaemonError.of(Status.Code.NOT_FOUND,
                "program 'nosuch' not found in PATH"));
        ToolRun run = krgrun(noStdin(), "nosuch");
        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.err()).isEqualTo("krgrun: program 'nosuch' not found in PATH" + NL);

        daemon.processes.runs = () -> new FakeRun.Scripted(DaemonError.of(Status.Code.NOT_FOUND, "node 7 not found"));
        assertThat(krgrun(noStdin(), "-n", "7", "node").exitCode()).isEqualTo(1);
    }

    @Test
    void aBrokenStreamAfterTheStartIsExit255() throws Exception {
        daemon.processes.runs = () -> new FakeRun.Scripted(List.of(started(), stdout("so far")));
        CompletableFuture<ToolRun> running = krgrunInBackground(noStdin(), "prog");
        FakeRun fake = theRun();
        signals.trapped.get(10, TimeUnit.SECONDS);
        fake.fail(Status.INTERNAL.withDescription("connection reset").asRuntimeException());
        ToolRun run = result(running);
        assertThat(run.exitCode()).isEqualTo(255);
        assertThat(run.out()).isEqualTo("so far");
        assertThat(run.err()).isEqualTo("krgrun: lost the connection to linuxssid at " + daemon.socket()
                + " while process 20004242 was running (connection reset)" + NL);
    }

    @Test
    void aFewMegabytesOfBinaryStdinComeBackIntact() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 12_345];
        new Random(42).nextBytes(data);
        daemon.processes.runs = FakeRun.Echo::new;
        ToolRun run = krgrun(local(new ByteArrayInputStream(data), false), "cat");
        assertThat(run.exitCode()).isZero();
        assertThat(run.outBytes()).isEqualTo(data);
        FakeRun echo = daemon.processes.onlyRun();
        assertThat(echo.stdin()).isEqualTo(data);
        assertThat(echo.largestStdinChunk.get()).isLessThanOrEqualTo(64 * 1024);
        assertThat(echo.inputs).last().isEqualTo(EOF);
    }

    @Test
    void theInProcessEntryPointGivesAnEmptyStdinAndUserDir() throws Exception {
        daemon.processes.runs = FakeRun.Echo::new;
        ToolRun run = ToolRun.of((out, err) -> Krgrun.run(new String[] {"cat"}, out, err, env()));
        assertThat(run.exitCode()).isZero();
        assertThat(run.outBytes()).isEmpty();
        FakeRun echo = daemon.processes.onlyRun();
        assertThat(echo.start.get().getSpec().getCwd()).isEqualTo(System.getProperty("user.dir"));
        assertThat(echo.inputs).containsExactly(RunInput.newBuilder().setStart(echo.start.get()).build(), EOF);
        assertThat(signals.trapped).isNotDone();
    }

    @Test
    void aTerminalOnStdinIsNotReadWithoutMinusT() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        InputStream keyboard = new InputStream() {
            @Override
            public int read() {
                reads.incrementAndGet();
                return -1;
            }
        };
        daemon.processes.runs = FakeRun.Waiting::new;
        CompletableFuture<ToolRun> running = krgrunInBackground(local(keyboard, true), "prog");
        FakeRun run = theRun();
        await().until(() -> run.inputs.contains(EOF));
        run.exit(0);
        assertThat(result(running).exitCode()).isZero();
        assertThat(reads).hasValue(0);
        assertThat(terminal.events).isEmpty();
    }

    @Test
    void minusTAsksForAPtyGoesRawForwardsKeysAndFollowsTheWindow() throws Exception {
        terminal.size = new TerminalSize(40, 120);
        daemon.processes.runs = FakeRun.Waiting::new;
        CompletableFuture<ToolRun> running = krgrunInBackground(
                local(new ByteArrayInputStream("ls\r".getBytes(StandardCharsets.US_ASCII)), true), "-t", "sh");
        FakeRun run = theRun();
        ProcessSpec spec = run.start.get().getSpec();
        assertThat(spec.getPty()).isTrue();
        assertThat(spec.getWindow()).isEqualTo(WindowSize.newBuilder().setRows(40).setCols(120).build());
        assertThat(signals.trapped.get()).contains("WINCH");
        await().until(() -> run.inputs.contains(EOF));
        assertThat(run.stdin()).isEqualTo("ls\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(terminal.events).containsExactly("raw -echo");

        terminal.size = new TerminalSize(50, 100);
        signals.deliver(28);
        await().until(() -> run.inputs.contains(
                RunInput.newBuilder().setWindow(WindowSize.newBuilder().setRows(50).setCols(100)).build()));
        run.exit(0);
        assertThat(result(running).exitCode()).isZero();
        assertThat(terminal.events).containsExactly("raw -echo", "restore");
        assertThat(signals.released).isTrue();
    }

    @Test
    void signalsAreForwardedAndKrgrunExitsWithTheRemoteStatus() throws Exception {
        daemon.processes.runs = () -> new FakeRun.Waiting(2);
        CompletableFuture<ToolRun> running = krgrunInBackground(noStdin(), "sleep", "100");
        FakeRun run = theRun();
        assertThat(signals.trapped.get(10, TimeUnit.SECONDS))
                .containsExactly("INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "TSTP", "CONT");
        signals.deliver(10);
        signals.deliver(1);
        await().until(() -> run.signals().size() == 2);
        signals.deliver(2);
        ToolRun result = result(running);
        assertThat(result.exitCode()).isEqualTo(130);
        assertThat(run.signals()).containsExactly(10, 1, 2);
        assertThat(result.err()).isEmpty();
        assertThat(signals.released).isTrue();
        assertThat(stops).hasValue(0);
    }

    @Test
    void ctrlZStopsTheProgramAndKrgrunAndContinuesBoth() throws Exception {
        daemon.processes.runs = FakeRun.Waiting::new;
        CompletableFuture<ToolRun> running = krgrunInBackground(
                local(new ByteArrayInputStream(new byte[0]), true), "-t", "vi");
        FakeRun run = theRun();
        signals.trapped.get(10, TimeUnit.SECONDS);
        signals.deliver(20);
        assertThat(stops).hasValue(1);
        assertThat(terminal.events).containsExactly("raw -echo", "restore");
        signals.deliver(18);
        assertThat(terminal.events).containsExactly("raw -echo", "restore", "raw -echo");
        await().until(() -> run.signals().size() == 2);
        assertThat(run.signals()).containsExactly(20, 18);
        assertThat(run.inputs).filteredOn(RunInput::hasWindow).hasSize(1);
        run.exit(0);
        assertThat(result(running).exitCode()).isZero();
    }

    @Test
    void whenKrgrunsStdoutIsGoneTheProgramGetsSigpipe() throws Exception {
        daemon.processes.runs = () -> new FakeRun.Waiting(13);
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> Krgrun.run(new String[] {"yes"},
                noStdin(), new PrintStream(closedPipe, true), new PrintStream(OutputStream.nullOutputStream()), env()));
        FakeRun run = theRun();
        signals.trapped.get(10, TimeUnit.SECONDS);
        run.send(stdout("y\n"));
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(141);
        assertThat(run.signals()).containsExactly(13);
    }

    @Test
    void aDaemonThatTakesNoStdinStopsKrgrunReadingIt() throws Exception {
        AtomicLong read = new AtomicLong();
        long cap = 256L << 20;
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return read.getAndIncrement() < cap ? 'y' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = (int) Math.min(length, cap - read.get());
                if (n <= 0) {
                    return -1;
                }
                read.addAndGet(n);
                return n;
            }
        };
        daemon.processes.runs = FakeRun.NotReading::new;
        CompletableFuture<ToolRun> running = krgrunInBackground(local(endless, false), "slowreader");
        FakeRun run = theRun();
        long stalledAt = Stall.awaitStable(read::get);
        assertThat(stalledAt).isLessThan(16L << 20);
        run.exit(0);
        assertThat(result(running).exitCode()).isZero();
    }

    @Test
    void aSlowReaderOfKrgrunsStdoutHoldsTheProgramBack() throws Exception {
        long total = 32L << 20;
        FakeRun.Flood flood = new FakeRun.Flood(total);
        daemon.processes.runs = () -> flood;
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        AtomicLong wrongBytes = new AtomicLong();
        OutputStream slowReader = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < length; i++) {
                    if (bytes[offset + i] != (byte) ((written.get() + i) % 251)) {
                        wrongBytes.incrementAndGet();
                    }
                }
                written.addAndGet(length);
            }
        };
        PrintStream out = new PrintStream(slowReader, true);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> Krgrun.run(new String[] {"yes"},
                noStdin(), out, new PrintStream(OutputStream.nullOutputStream()), env()));
        long sentWhileBlocked = Stall.awaitStable(flood.sent::get);
        assertThat(sentWhileBlocked).isLessThan(8L << 20);
        gate.countDown();
        assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(written).hasValue(total);
        assertThat(wrongBytes).hasValue(0);
    }
}
