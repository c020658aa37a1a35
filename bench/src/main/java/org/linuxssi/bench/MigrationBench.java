package org.linuxssi.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.CapabilitiesRequest;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.MigrateRequest;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.SetCapabilitiesRequest;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.testkit.LocalCluster;

/**
 * Migration freeze time (program stopped on the source → running on the target) for processes of
 * several resident sizes on a 2-node loopback cluster, measured by the program itself: it notes the
 * wall clock every 2 ms and prints any longer gap, so the freeze is what the program lived through.
 * Beside it: the freeze the source daemon reports (from criu's own clock of the dump to the target's
 * answer) and the whole migration (the Migrate call). The baseline is writing and reading back the
 * same number of bytes through a file on the same disk, the floor of any stop-and-copy through images.
 */
final class MigrationBench {

    private static final int CAN_MIGRATE = 1 << 1;
    /** Pauses the program reports: longer than any scheduling hiccup of a quiet machine. */
    private static final String GAP_SECONDS = "0.05";

    private MigrationBench() {
    }

    static void run(List<Integer> sizesMb, int rounds, Path under) throws Exception {
        Path dir = Files.createTempDirectory(under, "lssi-bench");
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(2).start(Duration.ofSeconds(120))) {
            ManagedChannel channel = GrpcEndpoints.unixChannel(cluster.node(1).socket(),
                    Component.tool("linuxssi-bench"));
            try {
                for (int mb : sizesMb) {
                    size(channel, dir, mb, rounds);
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }

    private static void size(ManagedChannel channel, Path dir, int mb, int rounds) throws Exception {
        String program = "import time\nb = bytearray(b'x') * (" + mb + " * 1048576)\nprint('ready', flush=True)\n"
                + "last = time.time()\nwhile True:\n    time.sleep(0.002)\n    now = time.time()\n"
                + "    if now - last > " + GAP_SECONDS + ": print('gap %.1f' % ((now - last) * 1000), flush=True)\n"
                + "    last = now";
        BlockingQueue<Double> gaps = new LinkedBlockingQueue<>();
        CompletableFuture<RemoteRun.Result> run = RemoteRun.start(channel, 1, List.of("python3", "-c", program),
                line -> {
                    if (line.startsWith("gap ")) {
                        gaps.add(Double.parseDouble(line.substring(4)));
                    }
                });
        long gpid = awaitGpid(channel, "bytearray(b'x') * (" + mb + " ");
        MobilityGrpc.MobilityBlockingStub mobility = MobilityGrpc.newBlockingStub(channel);
        var sets = mobility.getCapabilities(CapabilitiesRequest.newBuilder().setPid(gpid).build()).getSets();
        mobility.setCapabilities(SetCapabilitiesRequest.newBuilder().setPid(gpid)
                .setSets(sets.toBuilder().setEffective(sets.getEffective() | CAN_MIGRATE)).build());
        awaitResident(channel, gpid, mb);
        Stats freeze = new Stats();
        Stats daemonFreeze = new Stats();
        Stats total = new Stats();
        Stats baseline = new Stats();
        long imageBytes = 0;
        for (int i = 0; i < rounds; i++) {
            int to = i % 2 == 0 ? 2 : 1;
            gaps.clear();
            long start = System.nanoTime();
            MigrateReply reply = mobility.withDeadlineAfter(15, TimeUnit.MINUTES)
                    .migrate(MigrateRequest.newBuilder().setGpid(gpid).setNodeId(to).build());
            total.addNanos(System.nanoTime() - start);
            daemonFreeze.add(reply.getFreezeMs());
            freeze.add(longestGap(gaps));
            imageBytes = reply.getImageBytes();
            baseline.addNanos(fileRoundTrip(dir, imageBytes));
        }
        ProcessesGrpc.newBlockingStub(channel).signal(SignalRequest.newBuilder().addGpids(gpid).setSignal(9).build());
        run.get(60, TimeUnit.SECONDS);
        System.out.printf("%5d MB resident (%.0f MB of images), %d migrations:%n", mb, imageBytes / 1048576.0, rounds);
        System.out.printf("      freeze (the program's own clock)  %s%n", freeze.summary());
        System.out.printf("      freeze (the source daemon's)      %s%n", daemonFreeze.summary());
        System.out.printf("      whole migration (Migrate call)    %s%n", total.summary());
        System.out.printf("      baseline, write+read %.0f MB through a file: %s; freeze / baseline (medians) %.1fx%n",
                imageBytes / 1048576.0, baseline.summary(), freeze.median() / baseline.median());
    }

    /**
     * The program's longest pause around the migration that just ended: its output may trail the
     * Migrate answer (the caller's stream re-attaches to the target), so wait for the first gap line,
     * then a moment for any other.
     */
    private static double longestGap(BlockingQueue<Double> gaps) throws Exception {
        Double first = gaps.poll(60, TimeUnit.SECONDS);
        if (first == null) {
            throw new IllegalStateException("the program reported no pause within 60 s of its migration");
        }
        double longest = first;
        Double next;
        while ((next = gaps.poll(500, TimeUnit.MILLISECONDS)) != null) {
            longest = Math.max(longest, next);
        }
        return longest;
    }

    private static long awaitGpid(ManagedChannel channel, String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (var p : ProcessesGrpc.newBlockingStub(channel).listProcesses(ListProcessesRequest.getDefaultInstance())
                    .getProcessesList()) {
                if (p.getCommand().contains(marker)) {
                    return p.getGpid();
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the process did not appear in krgps");
    }

    private static void awaitResident(ManagedChannel channel, long gpid, int mb) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (var p : ProcessesGrpc.newBlockingStub(channel).listProcesses(ListProcessesRequest.getDefaultInstance())
                    .getProcessesList()) {
                if (p.getGpid() == gpid && p.getRssKb() >= mb * 1024L) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("process " + gpid + " never reached " + mb + " MB resident");
    }

    private static long fileRoundTrip(Path dir, long bytes) throws Exception {
        Path file = dir.resolve("baseline.bin");
        byte[] block = new byte[1 << 20];
        java.util.Arrays.fill(block, (byte) 'x');
        long start = System.nanoTime();
        try (var out = Files.newOutputStream(file)) {
            for (long done = 0; done < bytes; done += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - done));
            }
        }
        try (var in = Files.newInputStream(file)) {
            while (in.read(block) > 0) {
                // reading is the measured work
            }
        }
        long elapsed = System.nanoTime() - start;
        Files.delete(file);
        return elapsed;
    }
}
