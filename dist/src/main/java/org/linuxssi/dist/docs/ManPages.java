package org.linuxssi.dist.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Attributes;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.linuxssi.dist.PackagedCommand;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Man pages from the same picocli definitions as --help: picocli-codegen's ManPageGenerator
 * writes one AsciiDoc page per command and subcommand (krgadm, krgadm-nodes, krgadm-nodes-status,
 * ...), Asciidoctor renders each as troff, and the result is gzipped as Debian and Fedora ship
 * man pages. The page date is the build's fixed output timestamp, so two builds give the same bytes.
 */
public final class ManPages implements AutoCloseable {

    private final Asciidoctor asciidoctor = Asciidoctor.Factory.create();
    private final String date;
    private final Path scratch;

    /**
     * @param date    the date printed in every page's footer
     * @param scratch a directory for the intermediate AsciiDoc files
     */
    public ManPages(LocalDate date, Path scratch) {
        this.date = date.toString();
        this.scratch = scratch;
    }

    /** The gzipped pages of the command and its subcommands, by file name (krgadm-nodes-status.1.gz). */
    public SortedMap<String, byte[]> of(PackagedCommand command) throws IOException {
        Path dir = scratch.resolve(command.name());
        deleteTree(dir);
        Files.createDirectories(dir);
        CommandLine commandLine = command.commandLineForDocs();
        int status = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true,
                commandLine.getCommandSpec());
        if (status != CommandLine.ExitCode.OK) {
            throw new IOException("picocli's ManPageGenerator failed for " + command.name() + " (exit status " + status + ")");
        }
        SortedMap<String, byte[]> pages = new TreeMap<>();
        for (Path adoc : list(dir)) {
            String page = adoc.getFileName().toString().replaceFirst("\\.adoc$", "");
            String source = Files.readString(adoc);
            // ManPageGenerator titles every page "name(1)"; the daemon's pages belong to section 8.
            source = source.replace("= " + page + "(1)", "= " + page + "(" + command.manSection() + ")");
            pages.put(page + "." + command.manSection() + ".gz", gzip(troff(source)));
        }
        return pages;
    }

    private byte[] troff(String asciidoc) {
        Options options = Options.builder()
                .backend("manpage")
                .standalone(true)
                .safe(SafeMode.SAFE)
                .toFile(false)
                .attributes(Attributes.builder()
                        .attribute("docdate", date)
                        .attribute("revdate", date)
                        .build())
                .build();
        return asciidoctor.convert(asciidoc, options).getBytes(StandardCharsets.UTF_8);
    }

    /** gzip -9n: best compression, no name and no time in the header. */
    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".adoc")).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        asciidoctor.close();
    }
}
