package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Builds the packages a second time from the same inputs, later and in other directories, and
 * compares bytes: a time, a host name, a path or an unsorted listing leaking into a package fails
 * here. (bin/linuxssi-reproducible-test compares two whole builds of the checkout.)
 */
class ReproducibleIT {

    @TempDir
    Path dir;

    @Test
    void aSecondBuildGivesByteIdenticalPackages() throws Exception {
        Path output = dir.resolve("packages");
        int status = new CommandLine(new BuildPackages()).execute(
                "--source=" + BuiltPackages.property("linuxssi.source"),
                "--lib=" + BuiltPackages.property("linuxssi.lib"),
                "--dependency-graph=" + BuiltPackages.property("linuxssi.dependencyGraph"),
                "--shepherd=" + BuiltPackages.property("linuxssi.shepherd"),
                "--version=" + BuiltPackages.VERSION.maven(),
                "--timestamp=" + BuiltPackages.property("linuxssi.timestamp"),
                "--maintainer=" + BuiltPackages.property("linuxssi.maintainer"),
                "--homepage=" + BuiltPackages.property("linuxssi.homepage"),
                "--license=" + BuiltPackages.property("linuxssi.license"),
                "--work=" + dir.resolve("work"),
                "--output=" + output);
        assertThat(status).isZero();

        List<String> first = names(BuiltPackages.DIR);
        assertThat(names(output)).isEqualTo(first).hasSize(9);
        for (String name : first) {
            assertThat(Files.readAllBytes(output.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(BuiltPackages.DIR.resolve(name)));
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
