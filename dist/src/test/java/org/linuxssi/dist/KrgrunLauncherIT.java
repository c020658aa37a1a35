package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.linuxssi.testkit.LocalCluster;

/**
 * bin/krgrun as a user starts it, cold, against a real 2-node cluster: its short class path (its own
 * jars), its own ahead-of-time cache trained by the launchers' training, and both command-line paths
 * (the quick one and picocli's for help and mistakes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KrgrunLauncherIT {

    private static final Path SOURCE = Path.of(System.getProperty("linuxssi.source"));

    private Path dir;
    private Path cache;
    private LocalCluster cluster;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "lssi-launch");
        cache = Files.createDirectories(dir.resolve("cache"));
        cluster = LocalCluster.builder(dir.resolve("cluster")).nodes(2).start(Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void aColdKrgrunRunsAProgramOnAnotherNodeFromItsOwnTrainedCache() throws Exception {
        Shell.Result training = bash("source " + SOURCE.resolve("bin/lib/common.sh")
                + " && linuxssi_train_tools_archive");
        assertThat(training.exit()).as(training.err()).isZero();
        List<Path> caches;
        try (var files = Files.list(cache.resolve("linuxssi"))) {
            caches = files.filter(path -> path.getFileName().toString().startsWith("krgrun-")).toList();
        }
        if (caches.isEmpty()) {
            System.err.println("KrgrunLauncherIT: JDK older than 25, no ahead-of-time cache: checked with the "
                    + "dynamic class-data archive only");
        } else {
            assertThat(Files.size(caches.get(0))).isPositive();
        }

        Shell.Result run = krgrun(Map.of("LINUXSSI_JAVA_OPTS", "-Xlog:class+load:file=" + dir.resolve("classes")),
                "-n", "2", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("out\n");
        assertThat(run.err()).isEqualTo("err\n");
        String loaded = Files.readString(dir.resolve("classes"));
        assertThat(loaded).as("no gRPC transport, no Netty, no picocli and no protobuf runtime in a usual run")
                .doesNotContain("io.grpc.netty").doesNotContain("picocli.").doesNotContain("com.google.protobuf.");
        assertThat(loaded)
                .as("a run that succeeds reads none of gRPC's classes from its jar (only failures use its Status)")
                .doesNotContainPattern("io\\.grpc\\.\\S+ source: (?!shared objects file)");
        if (!caches.isEmpty()) {
            assertThat(loaded).as("krgrun's classes come from its ahead-of-time cache")
                    .containsPattern("org\\.linuxssi\\.tools\\.krgrun\\.RunSession source: shared objects file");
        }
    }

    @Test
    void helpVersionAndMistakesStillGoThroughPicocli() throws Exception {
        Shell.Result help = krgrun(Map.of(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: krgrun");
        Shell.Result badNode = krgrun(Map.of(), "-n", "abc", "true");
        assertThat(badNode.exit()).isEqualTo(2);
        assertThat(badNode.err()).contains("'abc' is not a node id (expected 1-4094)");
        Shell.Result offline = krgrun(Map.of(), "-n", "9", "true");
        assertThat(offline.exit()).isEqualTo(1);
        assertThat(offline.err()).isEqualTo("krgrun: node 9 is not online (online nodes: 1,2)\n");
        Shell.Result noDaemon = krgrun(Map.of("LINUXSSI_SOCKET", dir.resolve("none.sock").toString()), "true");
        assertThat(noDaemon.exit()).isEqualTo(1);
        assertThat(noDaemon.err()).isEqualTo("LinuxSSI is not running on this node (no daemon at "
                + dir.resolve("none.sock") + ")\n");
    }

    private Shell.Result krgrun(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(SOURCE.resolve("bin/krgrun").toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private Shell.Result bash(String script) throws Exception {
        return run(List.of("bash", "-c", script), Map.of());
    }

    private Shell.Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("LINUXSSI_SOCKET", cluster.node(1).socket().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("LINUXSSI_HOME");
        builder.environment().putAll(env);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
            return new Shell.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
