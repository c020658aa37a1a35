package org.linuxssi.dist.format;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.linuxssi.dist.layout.Entry;
import org.linuxssi.dist.layout.PackageLayout;
import org.vafer.jdeb.Compression;
import org.vafer.jdeb.Console;
import org.vafer.jdeb.DataConsumer;
import org.vafer.jdeb.DataProducer;
import org.vafer.jdeb.DebMaker;
import org.vafer.jdeb.PackagingException;
import org.vafer.jdeb.shaded.commons.compress.archivers.tar.TarArchiveEntry;
import org.vafer.jdeb.shaded.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a layout as a .deb with jdeb: a control file made from the layout, the package's
 * maintainer scripts and debconf templates, and every path owned by root with a fixed time.
 */
public final class DebFormat {

    /**
     * gzip, not xz: the payload is mostly jars, already compressed; xz in Java takes a minute
     * more per build for 3% smaller packages.
     */
    private static final Compression COMPRESSION = Compression.GZIP;

    private DebFormat() {
    }

    /** linuxssi-node_0.1.0_amd64.deb */
    public static String fileName(PackageLayout layout, Release release) {
        return layout.name() + "_" + release.version().deb() + "_" + layout.architecture().deb() + ".deb";
    }

    /** Writes the package into {@code outputDir}; {@code workDir} receives its control directory. */
    public static Path write(PackageLayout layout, Release release, Path workDir, Path outputDir) throws IOException {
        Path control = workDir.resolve("deb").resolve(layout.name());
        Files.createDirectories(control);
        try (var old = Files.list(control)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(control.resolve("control"), control(layout, release));
        for (Map.Entry<String, String> file : layout.debControlFiles().entrySet()) {
            Files.writeString(control.resolve(file.getKey()), file.getValue());
        }
        Files.createDirectories(outputDir);
        Path deb = outputDir.resolve(fileName(layout, release));
        long time = release.timestamp().toEpochMilli();
        DebMaker maker = new DebMaker(new Quiet(), List.of(new Payload(layout, time, false)),
                List.of(new Payload(layout, time, true)));
        maker.setControl(control.toFile());
        maker.setDeb(deb.toFile());
        maker.setCompression(COMPRESSION.name().toLowerCase());
        maker.setOutputTimestampMs(time);
        try {
            maker.validate();
            maker.createDeb(COMPRESSION);
        } catch (PackagingException e) {
            throw new IOException("cannot write " + deb + ": " + e.getMessage(), e);
        }
        return deb;
    }

    /** The DEBIAN/control file, without Installed-Size, which jdeb adds. */
    static String control(PackageLayout layout, Release release) {
        StringBuilder control = new StringBuilder()
                .append("Package: ").append(layout.name()).append('\n')
                .append("Version: ").append(release.version().deb()).append('\n')
                .append("Architecture: ").append(layout.architecture().deb()).append('\n')
                .append("Maintainer: ").append(release.maintainer()).append('\n')
                .append("Section: ").append(layout.debSection()).append('\n')
                .append("Priority: optional\n")
                .append("Homepage: ").append(release.homepage()).append('\n');
        if (!layout.debDepends().isEmpty()) {
            control.append("Depends: ").append(String.join(", ", layout.debDepends())).append('\n');
        }
        control.append("Description: ").append(layout.summary()).append('\n');
        for (String line : layout.description().split("\n")) {
            control.append(' ').append(line.isBlank() ? "." : line).append('\n');
        }
        return control.toString();
    }

    /** The layout's paths as tar entries; with {@code conffilesOnly}, the conffiles (jdeb lists their names). */
    private record Payload(PackageLayout layout, long time, boolean conffilesOnly) implements DataProducer {

        @Override
        public void produce(DataConsumer consumer) throws IOException {
            for (Entry entry : layout.entries()) {
                String name = "." + entry.path();
                switch (entry) {
                    case Entry.Directory dir when !conffilesOnly ->
                            consumer.onEachDir(owned(new TarArchiveEntry(name + "/", true), 040000 | dir.mode()));
                    case Entry.File file when !conffilesOnly || file.conffile() -> {
                        TarArchiveEntry tar = owned(new TarArchiveEntry(name, true), 0100000 | file.mode());
                        tar.setSize(file.content().length);
                        consumer.onEachFile(new ByteArrayInputStream(file.content()), tar);
                    }
                    case Entry.Link link when !conffilesOnly -> {
                        TarArchiveEntry tar = owned(new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true), 0120777);
                        tar.setLinkName(link.target());
                        consumer.onEachLink(tar);
                    }
                    default -> {
                    }
                }
            }
        }

        private TarArchiveEntry owned(TarArchiveEntry tar, int mode) {
            tar.setMode(mode);
            tar.setUserId(0);
            tar.setGroupId(0);
            tar.setUserName("root");
            tar.setGroupName("root");
            tar.setModTime(time);
            return tar;
        }
    }

    /** jdeb's progress lines are not worth the build log; its warnings are. */
    private static final class Quiet implements Console {
        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            System.err.println("jdeb: " + message);
        }
    }
}
