package org.linuxssi.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.linuxssi.dist.docs.BashCompletion;
import org.linuxssi.dist.docs.ManPages;
import org.linuxssi.dist.format.DebFormat;
import org.linuxssi.dist.format.Release;
import org.linuxssi.dist.format.RpmFormat;
import org.linuxssi.dist.format.TarballFormat;
import org.linuxssi.dist.layout.Architecture;
import org.linuxssi.dist.layout.CommandDocs;
import org.linuxssi.dist.layout.NativeNeeds;
import org.linuxssi.dist.layout.PackageLayout;
import org.linuxssi.dist.layout.PackageVersion;
import org.linuxssi.dist.layout.Packages;
import org.linuxssi.dist.layout.RuntimeJars;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds the .deb, .rpm and .tar.gz packages (run by Maven in the package phase, see pom.xml):
 * commands' docs, then the four layouts, then each format.
 */
@Command(name = "build-packages", mixinStandardHelpOptions = true,
        description = "Builds LinuxSSI's .deb, .rpm and .tar.gz packages from a built checkout.")
public final class BuildPackages implements Callable<Integer> {

    @Option(names = "--source", required = true, description = "the LinuxSSI checkout (bin/, dist/)")
    Path source;

    @Option(names = "--lib", required = true, description = "the runtime jars (dist/target/lib)")
    Path lib;

    @Option(names = "--dependency-graph", required = true, description = "dependency:tree -DoutputType=dot -Dverbose")
    Path dependencyGraph;

    @Option(names = "--shepherd", required = true, description = "the compiled linuxssi-shepherd")
    Path shepherd;

    @Option(names = "--version", required = true, description = "the project version")
    String version;

    @Option(names = "--timestamp", required = true, description = "project.build.outputTimestamp (ISO 8601 or epoch seconds)")
    String timestamp;

    @Option(names = "--maintainer", required = true)
    String maintainer;

    @Option(names = "--homepage", required = true)
    String homepage;

    @Option(names = "--license", required = true)
    String license;

    @Option(names = "--work", required = true, description = "scratch directory (generated AsciiDoc, control files)")
    Path work;

    @Option(names = "--output", required = true, description = "where the packages go")
    Path output;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BuildPackages()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Path> written = build();
        for (Path file : written) {
            System.out.printf("%-45s %,11d bytes%n", file.getFileName(), Files.size(file));
        }
        return 0;
    }

    /** Writes every package; returns their paths. */
    public List<Path> build() throws IOException, InterruptedException {
        if (!Files.isRegularFile(shepherd)) {
            throw new IOException(shepherd + " is missing: build the shepherd module first (mvn package builds it before dist)");
        }
        Release release = new Release(new PackageVersion(version), maintainer, homepage, license, parseTimestamp(timestamp));
        Architecture machine = Architecture.ofBuildMachine();
        Map<String, CommandDocs> docs = new TreeMap<>();
        try (ManPages manPages = new ManPages(release.timestamp().atOffset(ZoneOffset.UTC).toLocalDate(),
                work.resolve("man"))) {
            for (PackagedCommand command : Commands.ALL) {
                docs.put(command.name(), new CommandDocs(manPages.of(command), BashCompletion.of(command)));
            }
        }
        List<PackageLayout> layouts = Packages.all(new Packages.Sources(source, shepherd, NativeNeeds.of(shepherd),
                RuntimeJars.read(dependencyGraph, lib), release.version(), machine, docs));

        deleteOldPackages();
        List<Path> written = new ArrayList<>();
        for (PackageLayout layout : layouts) {
            written.add(DebFormat.write(layout, release, work, output));
        }
        for (PackageLayout layout : layouts) {
            written.add(RpmFormat.write(layout, release, output));
        }
        written.add(TarballFormat.write(layouts, release, machine, output));
        return written;
    }

    /** A package of another version left in the output directory would be mistaken for this build's. */
    private void deleteOldPackages() throws IOException {
        if (!Files.isDirectory(output)) {
            return;
        }
        try (var files = Files.list(output)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".deb") || name.endsWith(".rpm") || name.endsWith(".tar.gz")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Maven's outputTimestamp: ISO 8601 (2026-11-26T00:00:00Z) or seconds since the epoch. */
    static Instant parseTimestamp(String text) {
        if (text.matches("[0-9]+")) {
            return Instant.ofEpochSecond(Long.parseLong(text));
        }
        return OffsetDateTime.parse(text).toInstant();
    }
}
