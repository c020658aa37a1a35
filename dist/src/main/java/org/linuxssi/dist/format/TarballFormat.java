package org.linuxssi.dist.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.linuxssi.dist.layout.Architecture;
import org.linuxssi.dist.layout.Entry;
import org.linuxssi.dist.layout.PackageLayout;

/**
 * Writes all packages as one .tar.gz for other distributions: linuxssi-VERSION/ holds the same
 * usr/ and etc/ trees as the packages, so that it unpacks into / (see dist/README.md).
 */
public final class TarballFormat {

    private TarballFormat() {
    }

    /** linuxssi-0.1.0-linux-x86_64.tar.gz */
    public static String fileName(Release release, Architecture machine) {
        return "linuxssi-" + release.version().maven() + "-linux-" + machine.rpm() + ".tar.gz";
    }

    /** Writes the union of the layouts into {@code outputDir}. */
    public static Path write(List<PackageLayout> layouts, Release release, Architecture machine, Path outputDir)
            throws IOException {
        String root = "linuxssi-" + release.version().maven();
        Map<String, Entry> all = new TreeMap<>();
        for (PackageLayout layout : layouts) {
            for (Entry entry : layout.entries()) {
                addParents(all, entry.path());
                all.put(entry.path(), entry);
            }
        }
        Files.createDirectories(outputDir);
        Path tarball = outputDir.resolve(fileName(release, machine));
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(3);
        try (OutputStream file = Files.newOutputStream(tarball);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gzip), "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.putArchiveEntry(owned(new TarArchiveEntry(root + "/"), 040755, release));
            tar.closeArchiveEntry();
            for (Entry entry : all.values()) {
                String name = root + entry.path();
                switch (entry) {
                    case Entry.Directory dir -> {
                        tar.putArchiveEntry(owned(new TarArchiveEntry(name + "/"), 040000 | dir.mode(), release));
                        tar.closeArchiveEntry();
                    }
                    case Entry.File f -> {
                        TarArchiveEntry tarEntry = owned(new TarArchiveEntry(name), 0100000 | f.mode(), release);
                        tarEntry.setSize(f.content().length);
                        tar.putArchiveEntry(tarEntry);
                        tar.write(f.content());
                        tar.closeArchiveEntry();
                    }
                    case Entry.Link link -> {
                        TarArchiveEntry tarEntry = owned(new TarArchiveEntry(name, TarConstants.LF_SYMLINK), 0120777,
                                release);
                        tarEntry.setLinkName(link.target());
                        tar.putArchiveEntry(tarEntry);
                        tar.closeArchiveEntry();
                    }
                }
            }
        }
        return tarball;
    }

    /** Every directory above the path, as a 0755 directory, unless a package owns it with its own mode. */
    private static void addParents(Map<String, Entry> all, String path) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            all.putIfAbsent(path.substring(0, slash), new Entry.Directory(path.substring(0, slash), 0755));
        }
    }

    private static TarArchiveEntry owned(TarArchiveEntry entry, int mode, Release release) {
        entry.setMode(mode);
        entry.setIds(0, 0);
        entry.setNames("root", "root");
        entry.setModTime(release.timestamp().toEpochMilli());
        return entry;
    }
}
