package org.linuxssi.dist.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a compiled program needs from the system, read from its ELF headers with objdump -p
 * (binutils, installed beside gcc): the shared libraries and the glibc symbol versions, from
 * which the package dependency on the C library follows (what dpkg-shlibdeps and rpm's
 * find-requires would derive).
 *
 * @param elf64         a 64-bit program (RPM capabilities then end in "(64bit)")
 * @param libraries     NEEDED shared libraries, e.g. libc.so.6
 * @param glibcVersions GLIBC_x.y versions referenced, oldest first, e.g. 2.2.5, ..., 2.34
 */
public record NativeNeeds(boolean elf64, List<String> libraries, List<String> glibcVersions) {

    private static final Pattern NEEDED = Pattern.compile("^\\s*NEEDED\\s+(\\S+)\\s*$");
    private static final Pattern GLIBC = Pattern.compile("\\bGLIBC_([0-9]+(?:\\.[0-9]+)*)\\b");
    private static final Comparator<String> BY_VERSION = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /** Runs objdump -p on the program. */
    public static NativeNeeds of(Path program) throws IOException, InterruptedException {
        Process objdump;
        try {
            objdump = new ProcessBuilder("objdump", "-p", program.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run objdump to read what " + program + " links against: " + e.getMessage()
                    + " (install binutils: apt-get install binutils / dnf install binutils)", e);
        }
        String output = new String(objdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (objdump.waitFor() != 0) {
            throw new IOException("objdump -p " + program + " failed: " + output.strip());
        }
        return parse(output);
    }

    /** Reads objdump -p output. */
    static NativeNeeds parse(String objdumpOutput) {
        List<String> libraries = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (String line : objdumpOutput.split("\n")) {
            Matcher needed = NEEDED.matcher(line);
            if (needed.matches()) {
                libraries.add(needed.group(1));
            }
            Matcher glibc = GLIBC.matcher(line);
            if (glibc.find() && !versions.contains(glibc.group(1))) {
                versions.add(glibc.group(1));
            }
        }
        versions.sort(BY_VERSION);
        return new NativeNeeds(objdumpOutput.contains("file format elf64"), List.copyOf(libraries), List.copyOf(versions));
    }

    /** The newest glibc version the program needs; it runs on that glibc or a later one. */
    public String newestGlibc() {
        if (glibcVersions.isEmpty()) {
            throw new IllegalStateException("the program references no GLIBC_ symbol version");
        }
        return glibcVersions.getLast();
    }

    /** The RPM capability for a library and version: libc.so.6(GLIBC_2.34)(64bit). */
    public String rpmCapability(String library, String version) {
        return library + (version.isEmpty() ? "()" : "(GLIBC_" + version + ")") + (elf64 ? "(64bit)" : "");
    }
}
