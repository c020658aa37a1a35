package org.linuxssi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.grpc.ManagedChannel;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusRequest;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.testkit.LocalCluster;
import org.linuxssi.testkit.LocalNode;

/**
 * Cluster formation and leader fail-over, end to end with real daemons:
 * time from starting N daemons to all online, against one daemon JVM's own start
 * (linuxssid --check) measured in the same run; and time from kill -9 of the Raft
 * leader until a survivor marks it down, for a given heartbeat timeout.
 */
final class ClusterBench {

    private static final Pattern LEADER = Pattern.compile("m-127_0_0_(\\d+)-");

    private ClusterBench() {
    }

    static void run(int nodes, int rounds, Duration heartbeatTimeout) throws Exception {
        Stats jvm = new Stats();
        Stats formation = new Stats();
        Stats failover = new Stats();
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "lssi-bench");
            jvm.addNanos(daemonCheck(dir));
            LocalCluster cluster = LocalCluster.builder(dir).nodes(nodes)
                    .heartbeat(Duration.ofMillis(Math.max(100, heartbeatTimeout.toMillis() / 5)), heartbeatTimeout)
                    .create();
            try {
                long start = System.nanoTime();
                cluster.startAll();
                cluster.awaitAllOnline(Duration.ofSeconds(120));
                formation.addNanos(System.nanoTime() - start);

                LocalNode leader = cluster.node(leaderIndex(cluster));
                LocalNode survivor = cluster.node(leader.index() % nodes + 1);
                long killed = System.nanoTime();
                leader.kill();
                cluster.awaitStates(Duration.ofSeconds(120), java.util.Map.of(leader.index(), NodeState.DOWN));
                failover.addNanos(System.nanoTime() - killed);
                System.out.printf("round %d: formation %.0f ms, fail-over %.0f ms (leader was node %d, asked node %d)%n",
                        round + 1, formation.last(), failover.last(), leader.index(), survivor.index());
            } finally {
                cluster.stopAll();
            }
        }
        System.out.println("one daemon JVM (linuxssid --check): " + jvm.summary());
        System.out.println(nodes + " nodes start -> all online:    " + formation.summary());
        System.out.printf("  ratio to one daemon JVM start: %.1fx%n", formation.median() / jvm.median());
        System.out.println("leader kill -9 -> marked down (timeout " + heartbeatTimeout.toMillis() + " ms): "
                + failover.summary());
        System.out.printf("  ratio to the heartbeat timeout: %.2fx%n", failover.median() / heartbeatTimeout.toMillis());
    }

    /** The Raft leader's node index, from a node's own answer ("m-127_0_0_N-PORT"). */
    static int leaderIndex(LocalCluster cluster) {
        ManagedChannel channel = GrpcEndpoints.unixChannel(cluster.node(1).socket(), Component.tool("linuxssi-bench"));
        try {
            String leader = ClusterAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getClusterStatus(ClusterStatusRequest.getDefaultInstance()).getLeader();
            Matcher m = LEADER.matcher(leader);
            return m.find() ? Integer.parseInt(m.group(1)) : 1;
        } finally {
            channel.shutdownNow();
        }
    }

    private static long daemonCheck(Path dir) throws Exception {
        Path config = dir.resolve("check.conf");
        Files.writeString(config, "session_id = 1\nnode_id = 1\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.linuxssi.node.LinuxSsiDaemon", "--config", config.toString(), "--check"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor(60, TimeUnit.SECONDS);
        return System.nanoTime() - start;
    }
}
