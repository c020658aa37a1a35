package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.ProcessExit;

/**
 * 100 MB through {@code cat} on another node, with a client that stops reading for a while: every
 * byte arrives, in order, and meanwhile the target daemon reads the spool no further than the
 * stream windows allow, and neither daemon's memory grows with the data.
 */
class ProcessBackpressureTest {

    private static final int CHUNK = 64 * 1024;
    private static final long TOTAL = 100L * 1024 * 1024;
    private static final long PAUSE_AT = 10L * 1024 * 1024;
    /** Data allowed between the target's spool position and the client: HTTP/2 windows and a few messages. */
    private static final long IN_FLIGHT_LIMIT = 24L * 1024 * 1024;
    /**
     * How much a daemon's resident set may grow during the transfer, after a warm-up transfer has
     * touched its heap: far less than the 90 MB a daemon holding the undelivered output would add (a
     * few MiB is usual). The precise check is the spool position: what a daemon has not read, it
     * cannot hold.
     */
    private static final long RSS_GROWTH_LIMIT_KB = 48 * 1024;

    @TempDir
    Path dir;

    @Test
    void hundredMegabytesThroughCatArriveIdenticalWhileTheDaemonsBufferNothing() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3).start(Duration.ofSeconds(90));
             ProcessClient client = new ProcessClient(cluster.node(1))) {
            long target = cluster.node(3).pid().orElseThrow();
            long origin = cluster.node(1).pid().orElseThrow();
            warmUp(client);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            AtomicLong receivedBytes = new AtomicLong();
            RunHandle[] holder = new RunHandle[1];
            RunHandle run = client.run(3, dir, chunk -> {
                received.update(chunk.asReadOnlyByteBuffer());
                if (receivedBytes.addAndGet(chunk.size()) >= PAUSE_AT && receivedBytes.get() - chunk.size() < PAUSE_AT) {
                    holder[0].pauseReading();
                }
            }, "cat");
            holder[0] = run;
            long gpid = run.awaitStarted().getGpid();
            Path spool = cluster.node(3).procs().resolve(Long.toString(gpid)).resolve("stdout");

            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            Thread sender = Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(42);
                byte[] bytes = new byte[CHUNK];
                for (long done = 0; done < TOTAL; done += CHUNK) {
                    random.nextBytes(bytes);
                    sent.update(bytes);
                    run.stdin(ByteString.copyFrom(bytes));
                }
                run.stdinEof();
            });
            long targetBefore = RssSampler.rssKb(target);
            long originBefore = RssSampler.rssKb(origin);
            RssSampler rss = new RssSampler(target, origin);

            long t0 = System.nanoTime();
            // cat has written everything while the client reads nothing: the data waits on disk.
            await().atMost(Duration.ofMinutes(3)).until(() -> Files.size(spool) == TOTAL);
            System.out.printf("input: 100 MiB in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            long pausedAt = receivedBytes.get();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                long read = SpoolPosition.of(target, spool);
                assertThat(read - receivedBytes.get()).as("bytes the target read ahead of the client")
                        .isLessThan(IN_FLIGHT_LIMIT);
                assertThat(receivedBytes.get()).as("the client is not reading").isEqualTo(pausedAt);
            });
            System.out.printf("paused at %d MiB received; the target had read %d MiB of the spool%n",
                    pausedAt >> 20, SpoolPosition.of(target, spool) >> 20);

            long t1 = System.nanoTime();
            run.resumeReading();
            ProcessExit exit = run.awaitExit(Duration.ofMinutes(3));
            System.out.printf("output: 90 MiB in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
            sender.join();
            rss.stop();

            assertThat(exit.getStatus()).isZero();
            assertThat(receivedBytes.get()).isEqualTo(TOTAL);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            System.out.printf("RSS: target daemon %d -> at most %d MiB, origin daemon %d -> at most %d MiB%n",
                    targetBefore >> 10, rss.max(0) >> 10, originBefore >> 10, rss.max(1) >> 10);
            assertThat(rss.max(0) - targetBefore).as("growth of the target daemon's RSS (KiB)")
                    .isLessThan(RSS_GROWTH_LIMIT_KB);
            assertThat(rss.max(1) - originBefore).as("growth of the origin daemon's RSS (KiB)")
                    .isLessThan(RSS_GROWTH_LIMIT_KB);
        }
    }

    /** 32 MB through the same path first, so that the daemons' heaps are in use before RSS is measured. */
    private void warmUp(ProcessClient client) throws Exception {
        RunHandle run = client.run(3, dir, chunk -> { }, "cat");
        byte[] bytes = new byte[CHUNK];
        for (int i = 0; i < 512; i++) {
            run.stdin(ByteString.copyFrom(bytes));
        }
        run.stdinEof();
        assertThat(run.awaitExit(Duration.ofMinutes(2)).getStatus()).isZero();
    }

    /**
     * The read position of a daemon's open descriptor on a file, from /proc/PID/fdinfo; the whole file
     * once the daemon closed it (it had read it all).
     */
    static final class SpoolPosition {
        static long of(long pid, Path file) throws IOException {
            Path fds = Path.of("/proc", Long.toString(pid), "fd");
            try (var entries = Files.list(fds)) {
                for (Path fd : entries.toList()) {
                    try {
                        if (Files.readSymbolicLink(fd).equals(file)) {
                            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "fdinfo",
                                    fd.getFileName().toString()))) {
                                if (line.startsWith("pos:")) {
                                    return Long.parseLong(line.substring(4).trim());
                                }
                            }
                        }
                    } catch (IOException e) {
                        // that descriptor was closed meanwhile
                    }
                }
            }
            return Files.size(file);
        }
    }

    /** Samples the resident set size of a few processes until stopped. */
    static final class RssSampler {
        private final long[] pids;
        private final long[] max;
        private final Thread thread;
        private volatile boolean stopped;

        RssSampler(long... pids) {
            this.pids = pids;
            this.max = new long[pids.length];
            this.thread = Thread.ofPlatform().daemon().start(this::run);
        }

        private void run() {
            while (!stopped) {
                for (int i = 0; i < pids.length; i++) {
                    max[i] = Math.max(max[i], rssKb(pids[i]));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        long max(int index) {
            return max[index];
        }

        static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return 0;
        }
    }
}
