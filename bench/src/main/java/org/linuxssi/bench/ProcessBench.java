package org.linuxssi.bench;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.testkit.LocalCluster;
import org.linuxssi.testkit.LocalNode;

/**
 * The process space, end to end on a 3-node local cluster: remote launch latency, the
 * cold krgrun command, stdout relay throughput and daemon memory per process, each
 * next to a baseline measured in the same run.
 */
final class ProcessBench {

    private ProcessBench() {
    }

    static void run(int launches, int coldRuns, long relayMegabytes, int sleepers, Path bin, Path under)
            throws Exception {
        Path dir = Files.createTempDirectory(under, "lssi-bench");
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3).productionJvm().start(Duration.ofSeconds(120))) {
            ManagedChannel channel = GrpcEndpoints.unixChannel(cluster.node(1).socket(), Component.tool("linuxssi-bench"));
            try {
                if (launches > 0) {
                    launch(cluster, channel, launches);
                }
                if (bin != null && coldRuns > 0) {
                    coldCli(cluster, bin, coldRuns);
                }
                if (relayMegabytes > 0) {
                    relay(cluster, channel, relayMegabytes, bin);
                }
                if (sleepers > 0) {
                    memory(cluster, channel, sleepers);
                }
            } finally {
                channel.shutdownNow();
            }
        }
    }

    /**
     * Local and remote launches alternate, so that both see the same load; the first 50 of each warm
     * up. With {@code LINUXSSI_STAGES=DEBUG} in the environment (the daemons inherit it) the target
     * logs its stages (node/agent/LaunchStages) and the breakdown is printed too.
     */
    private static void launch(LocalCluster cluster, ManagedChannel channel, int runs) throws Exception {
        Stats local = new Stats();
        Stats remote = new Stats();
        List<long[]> client = new ArrayList<>();
        for (int i = 0; i < runs + 50; i++) {
            long start = System.nanoTime();
            new ProcessBuilder("/bin/true").start().waitFor();
            if (i >= 50) {
                local.addNanos(System.nanoTime() - start);
            }
            start = System.nanoTime();
            RemoteRun.Result run = RemoteRun.start(channel, 2, List.of("/bin/true")).get(60, TimeUnit.SECONDS);
            if (i >= 50) {
                remote.addNanos(run.exitNanos() - start);
                client.add(new long[] {start, run.startedNanos(), run.exitNanos()});
            }
        }
        System.out.println("local fork/exec of /bin/true from Java: " + local.summary());
        System.out.println("remote /bin/true on node 2 via node 1:  " + remote.summary());
        System.out.printf("  ratio remote/local: median %.2fx, p99 %.2fx%n", remote.median() / local.median(),
                remote.percentile(99) / local.percentile(99));
        if ("DEBUG".equalsIgnoreCase(System.getenv("LINUXSSI_STAGES"))) {
            LaunchStageReport.print(client, cluster.node(2).log());
        }
    }

    private static void coldCli(LocalCluster cluster, Path bin, int runs) throws Exception {
        Stats trueExec = new Stats();
        Stats jvm = new Stats();
        Stats jvmCpu = new Stats();
        Stats krgrun = new Stats();
        Stats krgrunCpu = new Stats();
        // The floor of any Java command: a JVM that starts and prints its version, with krgrun's options.
        List<String> bareJvm = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-version");
        for (int i = 0; i < runs; i++) {
            trueExec.addNanos(time(List.of("/bin/true"), cluster));
            double before = ChildCpuTime.millis();
            jvm.addNanos(time(bareJvm, cluster));
            double between = ChildCpuTime.millis();
            krgrun.addNanos(time(List.of(bin.resolve("krgrun").toString(), "-n", "2", "true"), cluster));
            jvmCpu.add(between - before);
            krgrunCpu.add(ChildCpuTime.millis() - between);
        }
        System.out.println("/bin/true from a shell's point of view: " + trueExec.summary());
        System.out.println("java -version (a bare JVM start):       " + jvm.summary());
        System.out.println("bin/krgrun -n 2 true (cold CLI):        " + krgrun.summary());
        System.out.printf("  ratio krgrun/bare JVM: median %.2fx%n", krgrun.median() / jvm.median());
        // CPU time moves far less with the machine's load than wall time: the cost to compare across runs.
        System.out.printf("  CPU time (user+sys, 10 ms ticks): bare JVM median %.0f ms, krgrun median %.0f ms (min %.0f)%n",
                jvmCpu.median(), krgrunCpu.median(), krgrunCpu.min());
    }

    private static long time(List<String> command, LocalCluster cluster) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LINUXSSI_SOCKET", cluster.node(1).socket().toString());
        long start = System.nanoTime();
        builder.start().waitFor(60, TimeUnit.SECONDS);
        return System.nanoTime() - start;
    }

    /**
     * Warm-up relays of the same size first (see {@link #warmUp}): the daemons are long-lived, their
     * compiled code is measured, not their interpreter nor their JIT compiling. Then the local pipe, the
     * relay to a long-lived client and, with {@code bin}, the relay through {@code krgrun -n 2} (what users
     * see), in turn, {@link #RELAY_ROUNDS} times; each relay's ratio is to the pipe of its own round.
     * krgrun's rate counts from its first byte of output: its JVM's start is the cold-CLI figure's.
     * The CPU time the two daemons used during each relay is printed too: on a machine shared with
     * other work it moves less than the rates do.
     */
    private static void relay(LocalCluster cluster, ManagedChannel channel, long megabytes, Path bin)
            throws Exception {
        long bytes = megabytes * 1024 * 1024;
        List<String> command = List.of("head", "-c", Long.toString(bytes), "/dev/zero");
        List<String> krgrun = new ArrayList<>();
        if (bin != null) {
            krgrun.add(bin.resolve("krgrun").toString());
            krgrun.addAll(List.of("-n", "2"));
            krgrun.addAll(command);
        }
        warmUp(cluster, channel, command, bin != null ? krgrun : null, bytes);
        List<Double> ratios = new ArrayList<>();
        List<Double> krgrunRatios = new ArrayList<>();
        List<Double> pipeRates = new ArrayList<>();
        List<Double> krgrunRates = new ArrayList<>();
        for (int round = 1; round <= RELAY_ROUNDS; round++) {
            double localRate = readAll(cluster, command, bytes)[0];
            pipeRates.add(localRate);
            double[] cpu = daemonsCpu(cluster);
            long start = System.nanoTime();
            RemoteRun.Result remote = RemoteRun.start(channel, 2, command).get(600, TimeUnit.SECONDS);
            double remoteRate = remote.stdoutBytes() / ((System.nanoTime() - start) / 1e9) / 1e6;
            ratios.add(remoteRate / localRate);
            System.out.printf("round %d: stdout through a local pipe %.0f MB/s, relayed from node 2 %.0f MB/s "
                    + "(%d MB); ratio %.0f%%; %s%n", round, localRate, remoteRate, megabytes,
                    100 * remoteRate / localRate, cpuUsed(cluster, cpu));
            if (bin != null) {
                cpu = daemonsCpu(cluster);
                double[] viaKrgrun = readAll(cluster, krgrun, bytes);
                krgrunRatios.add(viaKrgrun[0] / localRate);
                krgrunRates.add(viaKrgrun[0]);
                System.out.printf("round %d: krgrun -n 2 to a pipe %.0f MB/s from its first byte (%.2f s in all); "
                        + "ratio %.0f%%; %s%n", round, viaKrgrun[0], viaKrgrun[1], 100 * viaKrgrun[0] / localRate,
                        cpuUsed(cluster, cpu));
            }
        }
        System.out.printf("stdout relay: median ratio %.0f%% of a local pipe%n", 100 * median(ratios));
        if (bin != null) {
            System.out.printf("stdout relay through krgrun: median ratio %.0f%% of a local pipe (median rates: "
                    + "krgrun %.0f MB/s, pipe %.0f MB/s, %.0f%%)%n", 100 * median(krgrunRatios), median(krgrunRates),
                    median(pipeRates), 100 * median(krgrunRates) / median(pipeRates));
        }
    }

    /** Rounds of pipe, long-lived client and krgrun; the figures are their medians. */
    private static final int RELAY_ROUNDS = 5;

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** Most warm-up rounds, of one relay to the long-lived client and one through krgrun each. */
    private static final int MAX_WARM_UPS = 10;
    /** The JIT counts as quiet once its compiler threads use less than this share of the daemons' CPU in a round. */
    private static final double QUIET_COMPILING = 0.05;

    /**
     * Relays until the JIT compilers of the two daemons are quiet. The code a relay runs per message (1 MiB)
     * is invoked a few thousand times per relay, so the JIT's thresholds take it to its optimising compiler
     * only after several: two fixed warm-up relays left the compilers at up to 40 % of the daemons' CPU
     * in the measured rounds, by far the largest difference between one round and the next.
     */
    private static void warmUp(LocalCluster cluster, ManagedChannel channel, List<String> command,
                               List<String> krgrun, long bytes) throws Exception {
        double share = 1;
        int round = 0;
        while (round < MAX_WARM_UPS && (round < 2 || share >= QUIET_COMPILING)) {
            round++;
            double[] daemons = daemonsCpu(cluster);
            double compilers = compilersCpu(cluster);
            RemoteRun.start(channel, 2, command).get(600, TimeUnit.SECONDS);
            if (krgrun != null) {
                readAll(cluster, krgrun, bytes);
            }
            double[] after = daemonsCpu(cluster);
            double used = after[0] - daemons[0] + after[1] - daemons[1];
            share = used <= 0 ? 0 : (compilersCpu(cluster) - compilers) / used;
        }
        System.out.printf("warm-up: %d rounds; JIT compilers %.0f%% of the daemons' CPU in the last "
                + "(quiet below %.0f%%)%n", round, 100 * share, 100 * QUIET_COMPILING);
    }

    /** CPU seconds used so far by the JIT compiler threads of the daemons of nodes 1 and 2. */
    private static double compilersCpu(LocalCluster cluster) throws Exception {
        double seconds = 0;
        for (int node = 1; node <= 2; node++) {
            Path tasks = Path.of("/proc", Long.toString(cluster.node(node).pid().orElseThrow()), "task");
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path task : threads.toList()) {
                    ProcStat stat;
                    try {
                        stat = ProcStat.read(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    if (stat.name().startsWith("C1 CompilerThre") || stat.name().startsWith("C2 CompilerThre")) {
                        seconds += stat.cpuMillis() / 1000;
                    }
                }
            }
        }
        return seconds;
    }

    /**
     * Runs {@code command}, reads its stdout through a pipe to the end, checks it was {@code bytes} long:
     * MB/s from the first byte read, and seconds from the start.
     */
    private static double[] readAll(LocalCluster cluster, List<String> command, long bytes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("LINUXSSI_SOCKET", cluster.node(1).socket().toString());
        long start = System.nanoTime();
        Process process = builder.start();
        InputStream in = process.getInputStream();
        byte[] buffer = new byte[1 << 16];
        long firstRead = Math.max(0, in.read(buffer));
        long first = System.nanoTime();
        long total = firstRead;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        long end = System.nanoTime();
        process.waitFor(60, TimeUnit.SECONDS);
        if (total != bytes) {
            throw new IllegalStateException(String.join(" ", command) + " gave " + total + " bytes, not " + bytes);
        }
        return new double[] {(total - firstRead) / ((end - first) / 1e9) / 1e6, (end - start) / 1e9};
    }

    /** CPU seconds (user + system) used so far by the daemons of node 1 (the origin) and node 2 (the target). */
    private static double[] daemonsCpu(LocalCluster cluster) throws Exception {
        double[] seconds = new double[2];
        for (int node = 1; node <= 2; node++) {
            seconds[node - 1] = ProcStat.of(cluster.node(node).pid().orElseThrow()).cpuMillis() / 1000;
        }
        return seconds;
    }

    private static String cpuUsed(LocalCluster cluster, double[] before) throws Exception {
        double[] after = daemonsCpu(cluster);
        return String.format("daemons' CPU: origin %.2f s, target %.2f s", after[0] - before[0], after[1] - before[1]);
    }

    private static void memory(LocalCluster cluster, ManagedChannel channel, int count) throws Exception {
        long before = totalRss(cluster);
        // Long enough for all of them to run at once however slowly they start (they are ended once
        // measured), and a duration no other program sleeps, so that they can be counted in /proc.
        String duration = "600.0417";
        List<CompletableFuture<RemoteRun.Result>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            running.add(RemoteRun.start(channel, i % 3 + 1, List.of("sleep", duration)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        List<ProcessHandle> sleepers = List.of();
        while (System.nanoTime() < deadline) {
            sleepers = ProcessHandle.allProcesses().filter(p -> p.info().command().orElse("").endsWith("/sleep")
                    && List.of(p.info().arguments().orElse(new String[0])).equals(List.of(duration))).toList();
            if (sleepers.size() + running.stream().filter(CompletableFuture::isDone).count() >= count) {
                break;
            }
            Thread.sleep(200);
        }
        // The launches' own buffers and threads settle once the last sleeper has started.
        Thread.sleep(3000);
        long during = totalRss(cluster);
        System.out.printf("%d concurrent 'sleep' on 3 nodes (%d running at once): daemons' RSS %d MB -> %d MB, "
                + "%.1f KB per running process%n", count, sleepers.size(), before / 1024, during / 1024,
                (during - before) / (double) Math.max(1, sleepers.size()));
        sleepers.forEach(ProcessHandle::destroy);
        int failed = 0;
        String reason = null;
        for (CompletableFuture<RemoteRun.Result> r : running) {
            try {
                r.get(180, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed++;
                reason = e.getCause().getMessage();
            }
        }
        if (failed > 0) {
            System.out.printf("  %d of %d sleepers failed to start; the last: %s%n", failed, count, reason);
        }
    }

    private static long totalRss(LocalCluster cluster) throws Exception {
        long kb = 0;
        for (LocalNode node : cluster.nodes()) {
            long pid = node.pid().orElseThrow();
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kb += Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        }
        return kb;
    }
}
