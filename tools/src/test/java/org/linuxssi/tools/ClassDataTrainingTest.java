package org.linuxssi.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's training run, in a JVM of its own as bin/linuxssi-build runs it (the archive
 * itself needs the jars of dist/target/lib: CDS refuses class folders such as target/classes).
 */
class ClassDataTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void everyToolRunsWithoutADaemonAndLeavesNothingBehind() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process training = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), ClassDataTraining.class.getName()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        assertThat(training.waitFor(120, TimeUnit.SECONDS)).as("training finished").isTrue();
        assertThat(training.exitValue()).as(Files.readString(tmp.resolve("out"))).isZero();
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("its socket folder is gone")
                    .containsExactly("out");
        }
    }
}
