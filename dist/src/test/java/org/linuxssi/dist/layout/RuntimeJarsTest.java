package org.linuxssi.dist.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeJarsTest {

    @TempDir
    Path dir;

    private Path lib;

    @BeforeEach
    void jars() throws IOException {
        lib = Files.createDirectory(dir.resolve("lib"));
        for (String jar : List.of("tools-1.jar", "node-1.jar", "api-1.jar", "grpc-2.jar", "guava-33-android.jar",
                "gson-2.8.jar", "ratis-3.jar", "junit-5.jar", "helper-1.jar")) {
            Files.writeString(lib.resolve(jar), jar);
        }
    }

    private RuntimeJars graph(String... edges) throws IOException {
        StringBuilder dot = new StringBuilder("digraph \"x:dist:jar:1\" { \n");
        for (String edge : edges) {
            dot.append('\t').append(edge).append(" ; \n");
        }
        Path file = dir.resolve("graph.dot");
        Files.writeString(file, dot.append(" } ").toString());
        return RuntimeJars.read(file, lib);
    }

    private List<String> names(List<Path> jars) {
        return jars.stream().map(jar -> jar.getFileName().toString()).toList();
    }

    @Test
    void aSharedJarBelongsToTheClosureOfEveryArtifactThatNeedsItWhereverMavenResolvedIt() throws IOException {
        RuntimeJars jars = graph(
                "\"x:dist:jar:1\" -> \"x:node:jar:1:compile\"",
                "\"x:dist:jar:1\" -> \"x:tools:jar:1:compile\"",
                "\"x:node:jar:1:compile\" -> \"x:api:jar:1:compile\"",
                "\"x:node:jar:1:compile\" -> \"x:ratis:jar:3:compile\"",
                "\"x:api:jar:1:compile\" -> \"x:grpc:jar:2:compile\"",
                "\"x:grpc:jar:2:compile\" -> \"x:guava:jar:android:33:runtime\"",
                "\"x:tools:jar:1:compile\" -> \"(x:api:jar:1:compile - omitted for duplicate)\"");

        assertThat(names(jars.closure("x:tools")))
                .containsExactly("api-1.jar", "grpc-2.jar", "guava-33-android.jar", "tools-1.jar");
        assertThat(names(jars.closure("x:node")))
                .containsExactly("api-1.jar", "grpc-2.jar", "guava-33-android.jar", "node-1.jar", "ratis-3.jar");
    }

    @Test
    void theResolvedVersionCountsNotTheOneAConflictLost() throws IOException {
        RuntimeJars jars = graph(
                "\"x:dist:jar:1\" -> \"x:tools:jar:1:compile\"",
                "\"x:tools:jar:1:compile\" -> \"x:gson:jar:2.8:runtime\"",
                "\"x:tools:jar:1:compile\" -> \"x:api:jar:1:compile\"",
                "\"x:api:jar:1:compile\" -> \"(x:gson:jar:2.14:runtime - omitted for conflict with 2.8)\"");

        assertThat(names(jars.closure("x:tools"))).containsExactly("api-1.jar", "gson-2.8.jar", "tools-1.jar");
    }

    @Test
    void testOptionalAndProvidedDependenciesAreNotNeededAtRunTime() throws IOException {
        RuntimeJars jars = graph(
                "\"x:dist:jar:1\" -> \"x:tools:jar:1:compile\"",
                "\"x:dist:jar:1\" -> \"x:junit:jar:5:test\"",
                "\"x:tools:jar:1:compile\" -> \"x:helper:jar:1:compile (optional)\"",
                "\"x:tools:jar:1:compile\" -> \"x:ratis:jar:3:provided\"");

        assertThat(names(jars.closure("x:tools"))).containsExactly("tools-1.jar");
    }

    @Test
    void aRuntimeJarWhoseVersionABuildToolChoseIsRefusedWithTheFix() throws IOException {
        RuntimeJars jars = graph(
                "\"x:dist:jar:1\" -> \"x:tools:jar:1:compile\"",
                "\"x:dist:jar:1\" -> \"x:packager:jar:1:provided\"",
                "\"x:packager:jar:1:provided\" -> \"x:guava:jar:android:33:compile (scope not updated to compile)\"",
                "\"x:tools:jar:1:compile\" -> \"x:grpc:jar:2:compile\"",
                "\"x:grpc:jar:2:compile\" -> \"(x:guava:jar:android:30:compile - omitted for conflict with 33)\"");

        assertThatThrownBy(() -> jars.closure("x:tools"))
                .hasMessage("x:guava, needed by x:tools at run time, was resolved through the provided dependency"
                        + " x:packager, which chose its version: exclude x:guava from x:packager in dist/pom.xml");
    }

    @Test
    void aJarMissingFromLibIsNamedWithWhoNeedsIt() throws IOException {
        RuntimeJars jars = graph(
                "\"x:dist:jar:1\" -> \"x:tools:jar:1:compile\"",
                "\"x:tools:jar:1:compile\" -> \"x:absent:jar:9:compile\"");

        assertThatThrownBy(() -> jars.closure("x:tools"))
                .hasMessage(lib.resolve("absent-9.jar") + " is missing (x:absent is needed by x:tools)");
    }
}
