package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.ProcessInfo;

/** krgrun as its own process, the way a shell runs it: real pipes, a real SIGINT. */
class KrgrunProcessTest extends ThreeNodeClusterTest {

    private Process krgrun(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(DaemonLauncher.defaultJvmOptions());
        command.addAll(List.of("-cp", DaemonLauncher.classPath(), "org.linuxssi.tools.Krgrun"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("LINUXSSI_SOCKET", cluster.node(1).socket().toString());
        return builder.start();
    }

    @Test
    void sigintAtTheCallerEndsTheRemoteProgramAndGives130() throws Exception {
        Process krgrun = krgrun("--print-gpid", "-n", "2", "sleep", "100");
        try {
            // krgrun prints the GPID once its signal handlers are in place; before, SIGINT would end the JVM.
            BufferedReader err = new BufferedReader(new InputStreamReader(krgrun.getErrorStream()));
            CompletableFuture<String> gpidLine = CompletableFuture.supplyAsync(() -> readLine(err));
            assertThat(gpidLine.get(60, TimeUnit.SECONDS)).startsWith("krgrun: gpid 2");
            new ProcessBuilder("kill", "-INT", Long.toString(krgrun.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(krgrun.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(krgrun.exitValue()).isEqualTo(130);
            List<ProcessInfo> left = node1.list().getProcessesList();
            assertThat(left).noneMatch(p -> p.getCommand().startsWith("sleep 100"));
        } finally {
            krgrun.destroyForcibly();
        }
    }

    @Test
    void aCallerKilledMidRunHangsUpTheRemoteProgram() throws Exception {
        Path hangup = dir.resolve("hangup");
        Process krgrun = krgrun("--print-gpid", "-n", "2", "sh", "-c",
                "trap 'echo hung up > " + hangup + "; exit 0' HUP; while :; do sleep 0.2; done");
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(krgrun.getErrorStream()));
            CompletableFuture<String> gpidLine = CompletableFuture.supplyAsync(() -> readLine(err));
            assertThat(gpidLine.get(60, TimeUnit.SECONDS)).startsWith("krgrun: gpid 2");
            // SIGKILL: krgrun cannot say goodbye; its daemon sees the connection end without the half-close.
            krgrun.destroyForcibly();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(hangup).exists().content().isEqualTo("hung up\n"));
        } finally {
            krgrun.destroyForcibly();
        }
    }

    @Test
    void binaryDataThroughARemoteCatArrivesIdentical() throws Exception {
        byte[] data = new byte[20 * 1024 * 1024];
        new Random(42).nextBytes(data);
        Process krgrun = krgrun("-n", "3", "cat");
        try {
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(krgrun.getInputStream()));
            try (OutputStream in = krgrun.getOutputStream()) {
                in.write(data);
            }
            assertThat(krgrun.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(krgrun.exitValue()).isZero();
            assertThat(sha256(out.get(60, TimeUnit.SECONDS))).isEqualTo(sha256(data));
        } finally {
            krgrun.destroyForcibly();
        }
    }

    /**
     * krgrun writes the program's stdout to its fd 1 from the socket itself: a reader that stops
     * reading stops krgrun, and so the daemons, which leave the rest on the target's disk.
     */
    @Test
    void aReaderThatStopsReadingKrgrunsStdoutStopsTheTargetsReads() throws Exception {
        long total = 96L * 1024 * 1024;
        Process krgrun = krgrun("--print-gpid", "-n", "3", "head", "-c", Long.toString(total), "/dev/zero");
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(krgrun.getErrorStream()));
            String gpidLine = CompletableFuture.supplyAsync(() -> readLine(err)).get(60, TimeUnit.SECONDS);
            assertThat(gpidLine).startsWith("krgrun: gpid 3");
            String gpid = gpidLine.split(" ")[2];
            Path spool = cluster.node(3).procs().resolve(gpid).resolve("stdout");
            long target = cluster.node(3).pid().orElseThrow();
            InputStream out = krgrun.getInputStream();
            byte[] first = out.readNBytes(1024 * 1024);
            // head has written everything while nobody reads krgrun's stdout: the bytes wait on disk.
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.size(spool) == total);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(ProcessBackpressureTest.SpoolPosition.of(target, spool) - first.length)
                            .as("bytes the target read ahead of krgrun's reader").isLessThan(24L * 1024 * 1024));
            long rest = CompletableFuture.supplyAsync(() -> count(out)).get(120, TimeUnit.SECONDS);
            assertThat(first.length + rest).isEqualTo(total);
            assertThat(krgrun.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(krgrun.exitValue()).isZero();
        } finally {
            krgrun.destroyForcibly();
        }
    }

    private static long count(InputStream in) {
        try {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return String.valueOf(in.readLine());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
