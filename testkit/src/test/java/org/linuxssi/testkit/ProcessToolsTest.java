package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.Started;
import org.linuxssi.tools.Krgkill;
import org.linuxssi.tools.Krgps;
import org.linuxssi.tools.Krgrun;
import org.linuxssi.tools.Krgtop;
import org.linuxssi.tools.LocalSide;

/** The process tools as a user types them (krgrun, krgps, krgkill, krgtop, krgadm scheduler) against real daemons. */
class ProcessToolsTest extends ThreeNodeClusterTest {

    private static final Pattern GPID = Pattern.compile("gpid (\\d+) on node (\\d+)");

    record Run(int code, String out, String err) {
    }

    private Map<String, String> env(int node) {
        Map<String, String> env = new HashMap<>();
        env.put("LINUXSSI_SOCKET", cluster.node(node).socket().toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C");
        return env;
    }

    private interface Tool {
        int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env);
    }

    private Run tool(Tool tool, int node, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = tool.run(args, o, e, env(node));
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run krgrun(int node, byte[] stdin, String... args) {
        LocalSide local = LocalSide.inProcess().withStdin(new ByteArrayInputStream(stdin), false).withCwd(dir);
        return tool((a, o, e, env) -> Krgrun.run(a, local, o, e, env), node, args);
    }

    @Test
    void krgrunCarriesOutputStreamsAndTheExitCode() {
        Run run = krgrun(1, new byte[0], "-n", "2", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("out\n");
        assertThat(run.err()).isEqualTo("err\n");
    }

    @Test
    void aProgramKilledBySignalNineGives137() {
        assertThat(krgrun(1, new byte[0], "-n", "3", "sh", "-c", "kill -9 $$").code()).isEqualTo(137);
    }

    @Test
    void stdinReachesTheRemoteProgram() {
        Run run = krgrun(2, "first\nsecond\n".getBytes(StandardCharsets.UTF_8), "-n", "3", "sort", "-r");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("second\nfirst\n");
    }

    @Test
    void krgpsOnNodeOneShowsAProcessOfNodeThreeAndKrgkillEndsIt() throws Exception {
        CompletableFuture<Run> sleeper = CompletableFuture.supplyAsync(() ->
                krgrun(3, new byte[0], "--print-gpid", "-n", "3", "sleep", "300"));
        String[] gpid = new String[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Run ps = tool(Krgps::run, 1);
            assertThat(ps.code()).as(ps.toString()).isZero();
            Matcher line = Pattern.compile("(?m)^\\s*(3\\d{7})\\s+3\\s+.*sleep 300$").matcher(ps.out());
            assertThat(line.find()).as(ps.out()).isTrue();
            gpid[0] = line.group(1);
        });
        Run kill = tool(Krgkill::run, 1, gpid[0]);
        assertThat(kill.code()).as(kill.toString()).isZero();
        Run ended = sleeper.get(60, TimeUnit.SECONDS);
        assertThat(ended.code()).isEqualTo(143);
        assertThat(ended.err()).startsWith("krgrun: gpid " + gpid[0] + " on node 3");
    }

    @Test
    void krgtopBatchModeShowsClusterTotals() {
        Run top = tool((a, o, e, env) -> Krgtop.run(a, o, e, env), 1, "-b", "-n", "1");
        assertThat(top.code()).as(top.toString()).isZero();
        assertThat(top.out()).contains("3").containsIgnoringCase("cpu").containsIgnoringCase("mem");
    }

    @Test
    void badInputGetsOneClearLineAndANonZeroExit() {
        Run unknownNode = krgrun(1, new byte[0], "-n", "9", "true");
        assertThat(unknownNode.code()).isEqualTo(1);
        assertThat(unknownNode.err()).isEqualTo("krgrun: node 9 is not online (online nodes: 1,2,3)\n");

        Run unknownPolicy = krgrun(1, new byte[0], "--policy", "fastest", "true");
        assertThat(unknownPolicy.code()).isNotZero();
        assertThat(unknownPolicy.err()).contains("unknown policy 'fastest' (allowed: least_loaded, round_robin, pack)");

        Run missingProgram = krgrun(1, new byte[0], "-n", "2", "no-such-program-here");
        assertThat(missingProgram.code()).isEqualTo(127);
        assertThat(missingProgram.err()).contains("no-such-program-here");

        Run noProgram = krgrun(1, new byte[0]);
        assertThat(noProgram.code()).isEqualTo(2);

        Run badSignal = tool(Krgkill::run, 1, "-s", "FOO", "20000001");
        assertThat(badSignal.code()).isEqualTo(2);
        assertThat(badSignal.err()).contains("FOO");

        Run badGpid = tool(Krgkill::run, 1, "abc");
        assertThat(badGpid.code()).isEqualTo(2);
        assertThat(badGpid.err()).contains("'abc' is not a global PID");

        Run noSuch = tool(Krgkill::run, 1, "20999999");
        assertThat(noSuch.code()).isEqualTo(1);
        assertThat(noSuch.err()).contains("20999999");

        for (Run run : List.of(unknownNode, unknownPolicy, missingProgram, badSignal, badGpid, noSuch)) {
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void leastLoadedSpreadsABurstAndRoundRobinFollowsTheRing() throws Exception {
        assertThat(ToolRun.krgadm(cluster.node(1), "scheduler", "set", "least_loaded").code()).isZero();
        Map<Integer, Integer> perNode = placeBurst(6);
        assertThat(perNode).containsEntry(1, 2).containsEntry(2, 2).containsEntry(3, 2);

        ToolRun set = ToolRun.krgadm(cluster.node(2), "scheduler", "set", "round_robin");
        assertThat(set.code()).as(set.toString()).isZero();
        assertThat(ToolRun.krgadm(cluster.node(3), "scheduler", "show").out()).contains("round_robin");
        List<Integer> ring = placeOneByOne(4);
        int first = ring.get(0);
        assertThat(ring).containsExactly(first, first % 3 + 1, (first + 1) % 3 + 1, first);

        ToolRun bad = ToolRun.krgadm(cluster.node(1), "scheduler", "set", "fastest");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown policy 'fastest'");
        assertThat(ToolRun.krgadm(cluster.node(1), "scheduler", "set", "least_loaded").code()).isZero();
    }

    /** Starts {@code count} sleepers at once with no node given; returns how many landed on each node. */
    private Map<Integer, Integer> placeBurst(int count) throws Exception {
        List<RunHandle> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(node1.run(0, dir, "sleep", "300"));
        }
        Map<Integer, Integer> perNode = new HashMap<>();
        for (RunHandle run : runs) {
            Started started = run.awaitStarted();
            perNode.merge(started.getNodeId(), 1, Integer::sum);
        }
        for (RunHandle run : runs) {
            run.signal(9);
            run.awaitExit();
        }
        return perNode;
    }

    private List<Integer> placeOneByOne(int count) throws Exception {
        List<Integer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RunHandle run = node1.run(0, dir, "true");
            nodes.add(run.awaitStarted().getNodeId());
            run.awaitExit();
        }
        return nodes;
    }
}
