package org.linuxssi.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * Migration freeze time (program stopped on the source → running on the target, as the source
 * daemon measures it) for processes of several resident sizes on a 2-node loopback cluster; the
 * baseline is writing and reading back the same number of bytes through a file on the same disk,
 * the floor of any stop-and-copy through images.
 */
final class MigrationBench {

    private static final int CAN_MIGRATE = 1 << 1;

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
                + "while True: time.sleep(1)";
        CompletableFuture<RemoteRun.Result> run = RemoteRun.start(channel, 1, List.of("python3", "-c", program));
        long gpid = awaitGpid(channel, "bytearray(b'x') * (" + mb + " ");
        MobilityGrpc.MobilityBlockingStub mobility = MobilityGrpc.newBlockingStub(channel);
        var sets = mobility.getCapabilities(CapabilitiesRequest.newBuilder().setPid(gpid).build()).getSets();
        mobility.setCapabilities(SetCapabilitiesRequest.newBuilder().setPid(gpid)
                .setSets(sets.toBuilder().setEffective(sets.getEffective() | CAN_MIGRATE)).build());
        awaitResident(channel, gpid, mb);
        Stats freeze = new Stats();
        Stats baseline = new Stats();
        long imageBytes = 0;
        for (int i = 0; i < rounds; i++) {
            int to = i % 2 == 0 ? 2 : 1;
            MigrateReply reply = mobility.withDeadlineAfter(15, TimeUnit.MINUTES)
                    .migrate(MigrateRequest.newBuilder().setGpid(gpid).setNodeId(to).build());
            freeze.addNanos(reply.getFreezeMs() * 1_000_000);
            imageBytes = reply.getImageBytes();
            baseline.addNanos(fileRoundTrip(dir, imageBytes));
        }
        ProcessesGrpc.newBlockingStub(channel).signal(SignalRequest.newBuilder().addGpids(gpid).setSignal(9).build());
        run.get(60, TimeUnit.SECONDS);
        System.out.printf("%5d MB resident (%.0f MB of images): migration freeze %s%n", mb, imageBytes / 1048576.0,
                freeze.summary());
        System.out.printf("      baseline, write+read %.0f MB through a file: %s; ratio (median) %.1fx%n",
                imageBytes / 1048576.0, baseline.summary(), freeze.median() / baseline.median());
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
