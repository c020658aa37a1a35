package org.linuxssi.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** linuxssi-bench: end-to-end benchmarks with real daemons; every figure comes with a same-run baseline. */
@Command(name = "linuxssi-bench", mixinStandardHelpOptions = true,
        description = "End-to-end LinuxSSI benchmarks on a local cluster of real daemons.",
        subcommands = {Bench.Cluster.class, Bench.Processes.class, Bench.Jobs.class, Bench.Migration.class})
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Command(name = "cluster", description = "Cluster formation and leader fail-over times.")
    static final class Cluster implements Callable<Integer> {
        @Option(names = "--nodes", defaultValue = "3")
        int nodes;

        @Option(names = "--rounds", defaultValue = "5")
        int rounds;

        @Option(names = "--heartbeat-timeout-ms", defaultValue = "5000")
        long timeout;

        @Override
        public Integer call() throws Exception {
            ClusterBench.run(nodes, rounds, Duration.ofMillis(timeout));
            return 0;
        }
    }

    @Command(name = "migration", description = "Migration freeze time by resident size (needs root and CRIU 4.0+).")
    static final class Migration implements Callable<Integer> {
        @Option(names = "--sizes-mb", defaultValue = "10,100,1024", split = ",")
        java.util.List<Integer> sizes;

        @Option(names = "--rounds", defaultValue = "3")
        int rounds;

        @Option(names = "--dir", defaultValue = "/tmp",
                description = "where the nodes' state (and so the images) lives (default: ${DEFAULT-VALUE})")
        java.nio.file.Path dir;

        @Override
        public Integer call() throws Exception {
            MigrationBench.run(sizes, rounds, dir);
            return 0;
        }
    }

    @Command(name = "processes", description = "Remote launch, cold krgrun, stdout relay, memory per process.")
    static final class Processes implements Callable<Integer> {
        @Option(names = "--launches", defaultValue = "1000")
        int launches;

        @Option(names = "--cold-runs", defaultValue = "20")
        int coldRuns;

        @Option(names = "--relay-mb", defaultValue = "512")
        long relayMegabytes;

        @Option(names = "--sleepers", defaultValue = "1000")
        int sleepers;

        @Option(names = "--dir", defaultValue = "/tmp",
                description = "where the nodes' state (and so the output spools) lives (default: ${DEFAULT-VALUE})")
        java.nio.file.Path dir;

        @Option(names = "--bin", description = "directory with krgrun (default: the bin/ this command was started from)")
        java.nio.file.Path bin;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path tools = bin;
            if (tools == null && System.getProperty("linuxssi.root") != null) {
                tools = java.nio.file.Path.of(System.getProperty("linuxssi.root"), "bin");
            }
            ProcessBench.run(launches, coldRuns, relayMegabytes, sleepers, tools, dir);
            return 0;
        }
    }

    @Command(name = "jobs", description = "DRMAA bulk jobs: accepted and completed per second, state per queued job.")
    static final class Jobs implements Callable<Integer> {
        @Option(names = "--jobs", defaultValue = "10000", description = "/bin/true jobs in one runBulkJobs")
        int jobs;

        @Option(names = "--queued", defaultValue = "10000", description = "held jobs for the state size")
        int queued;

        @Option(names = "--dir", defaultValue = "/tmp")
        java.nio.file.Path dir;

        @Override
        public Integer call() throws Exception {
            JobBench.run(jobs, queued, dir);
            return 0;
        }
    }
}
