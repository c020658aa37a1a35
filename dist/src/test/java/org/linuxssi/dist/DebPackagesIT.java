package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inspects the built .debs with dpkg-deb, as an administrator would before installing them. */
class DebPackagesIT {

    private static final Path SOURCE = Path.of(BuiltPackages.property("linuxssi.source"));
    private static final String V = BuiltPackages.VERSION.deb();

    /** One line of dpkg-deb -c: "-rwxr-xr-x root/root 196 2026-11-26 00:00 ./usr/bin/krgadm". */
    record Listed(String mode, String owner, String time, String path, String target) {
    }

    @BeforeAll
    static void dpkgDebIsThere() {
        assertThat(Shell.has("dpkg-deb")).as("dpkg-deb (package dpkg) inspects the .debs").isTrue();
    }

    static Map<String, String> fields(Path deb) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        String key = null;
        for (String line : Shell.output("dpkg-deb", "-f", deb.toString()).split("\n")) {
            if (line.startsWith(" ") && key != null) {
                fields.merge(key, "\n" + line, String::concat);
            } else if (line.contains(":")) {
                key = line.substring(0, line.indexOf(':'));
                fields.put(key, line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return fields;
    }

    static Map<String, Listed> contents(Path deb) throws Exception {
        Map<String, Listed> contents = new LinkedHashMap<>();
        for (String line : Shell.output("dpkg-deb", "-c", deb.toString()).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\s+", 6);
            String[] name = f[5].split(" -> ", 2);
            String path = name[0].substring(1).replaceAll("/$", "");
            contents.put(path, new Listed(f[0], f[1], f[3] + " " + f[4], path, name.length > 1 ? name[1] : ""));
        }
        return contents;
    }

    /** The control archive: file name to mode. */
    static Map<String, String> control(Path deb) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        String listing = Shell.output("sh", "-c", "dpkg-deb --ctrl-tarfile '" + deb + "' | tar -tvf -");
        for (String line : listing.split("\n")) {
            String[] f = line.split("\\s+", 6);
            if (f.length == 6 && !f[5].equals("./")) {
                files.put(f[5].replaceFirst("^\\./", ""), f[0]);
            }
        }
        return files;
    }

    static String controlFile(Path deb, String name) throws Exception {
        return Shell.output("sh", "-c", "dpkg-deb --ctrl-tarfile '" + deb + "' | tar -xOf - ./" + name);
    }

    static String file(Path deb, String path, boolean gzipped) throws Exception {
        return Shell.output("sh", "-c", "dpkg-deb --fsys-tarfile '" + deb + "' | tar -xOf - ." + path
                + (gzipped ? " | gzip -dc" : ""));
    }

    @Test
    void theMetapackageInstallsTheThreeOthersAtExactlyThisVersionAndNothingElse() throws Exception {
        Path deb = BuiltPackages.deb("linuxssi", false);
        Map<String, String> fields = fields(deb);

        assertThat(fields).containsEntry("Package", "linuxssi").containsEntry("Version", V)
                .containsEntry("Architecture", "all").containsEntry("Section", "metapackages")
                .containsEntry("Depends", "linuxssi-node (= " + V + "), linuxssi-tools (= " + V + "), linuxssi-drmaa (= " + V + ")");
        assertThat(contents(deb)).isEmpty();
    }

    @Test
    void theNodePackageCarriesTheDaemonTheShepherdTheUnitAndTheConfiguration() throws Exception {
        Path deb = BuiltPackages.deb("linuxssi-node", true);
        Map<String, String> fields = fields(deb);
        Map<String, Listed> contents = contents(deb);

        assertThat(fields).containsEntry("Package", "linuxssi-node").containsEntry("Version", V)
                .containsEntry("Architecture", BuiltPackages.MACHINE.deb());
        List<String> depends = List.of(fields.get("Depends").split(", "));
        assertThat(depends).hasSize(5).contains("linuxssi-tools (= " + V + ")", "procps",
                "debconf (>= 0.5) | debconf-2.0", "init-system-helpers");
        assertThat(depends.get(1)).matches("libc6 \\(>= 2\\.[0-9]+\\)");

        assertThat(controlFile(deb, "conffiles").strip().split("\n")).containsExactly(
                "/etc/linuxssi/krg-drmaa-server.conf", "/etc/linuxssi/node.conf", "/etc/linuxssi/scheduler.conf");
        assertThat(control(deb)).containsEntry("config", "-rwxr-xr-x").containsEntry("postinst", "-rwxr-xr-x")
                .containsEntry("prerm", "-rwxr-xr-x").containsEntry("postrm", "-rwxr-xr-x")
                .containsEntry("templates", "-rw-r--r--").containsEntry("conffiles", "-rw-r--r--");
        assertThat(controlFile(deb, "templates")).contains("Template: linuxssi-node/session_id",
                "Template: linuxssi-node/node_id", "Template: linuxssi-node/cluster_network",
                "Template: linuxssi-node/managers");

        assertMode(contents, "/usr/lib/linuxssi/linuxssi-shepherd", "-rwxr-xr-x");
        assertMode(contents, "/usr/sbin/linuxssid", "-rwxr-xr-x");
        assertMode(contents, "/usr/share/linuxssi/bin/linuxssid", "-rwxr-xr-x");
        assertMode(contents, "/usr/lib/systemd/system/linuxssid.service", "-rw-r--r--");
        assertMode(contents, "/etc/linuxssi/node.conf", "-rw-r--r--");
        assertMode(contents, "/usr/share/man/man8/linuxssid.8.gz", "-rw-r--r--");
        assertThat(contents.keySet()).anyMatch(p -> p.matches("/usr/share/linuxssi/lib/linuxssi-node-.*\\.jar"))
                .anyMatch(p -> p.matches("/usr/share/linuxssi/lib/ratis-server-.*\\.jar"))
                .noneMatch(p -> p.matches("/usr/share/linuxssi/lib/(linuxssi-tools|linuxssi-api|picocli)-.*"));
        String packaged = Shell.output("sh", "-c", "dpkg-deb --fsys-tarfile '" + deb
                + "' | tar -xOf - ./usr/lib/linuxssi/linuxssi-shepherd | sha256sum");
        String built = Shell.output("sha256sum", BuiltPackages.property("linuxssi.shepherd"));
        assertThat(packaged.split(" ")[0]).as("the packaged shepherd").isEqualTo(built.split(" ")[0]);

        String unit = file(deb, "/usr/lib/systemd/system/linuxssid.service", false);
        assertThat(unit).contains("After=network-online.target", "Wants=network-online.target",
                "ExecStart=/usr/sbin/linuxssid", "Restart=on-failure", "RuntimeDirectory=linuxssi",
                "StateDirectory=linuxssi", "KillMode=process", "WantedBy=multi-user.target");
        assertThat(file(deb, "/usr/sbin/linuxssid", false)).contains("LINUXSSI_HOME=/usr/share/linuxssi",
                "exec /usr/share/linuxssi/bin/linuxssid \"$@\"");
        assertThat(file(deb, "/etc/linuxssi/node.conf", false))
                .isEqualTo(Files.readString(SOURCE.resolve("dist/etc/linuxssi/node.conf")));
        assertThat(file(deb, "/usr/share/man/man8/linuxssid.8.gz", true)).contains(".TH \"LINUXSSID\" \"8\"", "\\-\\-check");
    }

    @Test
    void theToolsPackageCarriesEveryToolWithItsLauncherManPagesAndCompletion() throws Exception {
        Path deb = BuiltPackages.deb("linuxssi-tools", false);
        Map<String, String> fields = fields(deb);
        Map<String, Listed> contents = contents(deb);

        assertThat(fields).containsEntry("Package", "linuxssi-tools").containsEntry("Version", V)
                .containsEntry("Architecture", "all")
                .containsEntry("Depends", "default-jre-headless (>= 2:1.21) | java-runtime-headless (>= 21)"
                        + " | java21-runtime-headless | java25-runtime-headless, procps");
        for (PackagedCommand command : Commands.of(PackagedCommand.Owner.TOOLS)) {
            String name = command.name();
            assertMode(contents, "/usr/bin/" + name, "-rwxr-xr-x");
            assertMode(contents, "/usr/share/linuxssi/bin/" + name, "-rwxr-xr-x");
            assertMode(contents, "/usr/share/man/man1/" + name + ".1.gz", "-rw-r--r--");
            assertMode(contents, "/usr/share/bash-completion/completions/" + name, "-rw-r--r--");
            assertThat(file(deb, "/usr/share/linuxssi/bin/" + name, false))
                    .as("bin/" + name + " installed unchanged").isEqualTo(Files.readString(SOURCE.resolve("bin/" + name)));
            assertThat(file(deb, "/usr/share/bash-completion/completions/" + name, false))
                    .contains("complete -F _complete_" + name);
        }
        assertMode(contents, "/usr/share/linuxssi/bin/lib/common.sh", "-rw-r--r--");
        assertMode(contents, "/usr/share/linuxssi/bin/linuxssi-train-caches", "-rwxr-xr-x");
        assertThat(control(deb)).containsEntry("postinst", "-rwxr-xr-x").containsEntry("postrm", "-rwxr-xr-x")
                .containsEntry("triggers", "-rw-r--r--");
        assertThat(controlFile(deb, "postinst")).contains("linuxssi-train-caches --system", "triggered");
        assertThat(controlFile(deb, "postrm")).contains("rm -rf /var/cache/linuxssi");
        assertThat(controlFile(deb, "triggers").strip()).isEqualTo("interest-noawait /usr/lib/jvm");
        assertThat(file(deb, "/usr/share/linuxssi/bin/lib/common.sh", false))
                .isEqualTo(Files.readString(SOURCE.resolve("bin/lib/common.sh")));
        assertThat(contents.keySet()).contains("/usr/share/man/man1/krgadm-node-configure.1.gz",
                "/usr/share/man/man1/krgadm-nodes-status.1.gz");
        assertThat(file(deb, "/usr/share/man/man1/krgadm-node-configure.1.gz", true))
                .contains("\\-\\-session\\-id", "\\-\\-node\\-id");
        assertThat(contents.keySet()).anyMatch(p -> p.matches("/usr/share/linuxssi/lib/linuxssi-tools-.*\\.jar"))
                .anyMatch(p -> p.matches("/usr/share/linuxssi/lib/grpc-netty-shaded-.*\\.jar"))
                .noneMatch(p -> p.matches(".*/(linuxssi-testkit|linuxssi-bench|awaitility|hamcrest|ratis-[a-z-]+)-[0-9].*"));
        contents.values().stream().filter(e -> e.path().endsWith(".jar"))
                .forEach(jar -> assertThat(jar.mode()).as(jar.path()).isEqualTo("-rw-r--r--"));
    }

    @Test
    void theDrmaaPackageCarriesItsJarInUsrShareJavaUsingTheToolsJars() throws Exception {
        Path deb = BuiltPackages.deb("linuxssi-drmaa", false);
        Map<String, Listed> contents = contents(deb);
        String jar = "linuxssi-drmaa-" + BuiltPackages.VERSION.maven() + ".jar";

        assertThat(fields(deb)).containsEntry("Package", "linuxssi-drmaa").containsEntry("Version", V)
                .containsEntry("Depends", "linuxssi-tools (= " + V + ")");
        assertMode(contents, "/usr/share/java/" + jar, "-rw-r--r--");
        assertThat(contents.get("/usr/share/java/linuxssi-drmaa.jar").target()).isEqualTo(jar);
        Path extracted = Files.createTempFile("linuxssi-drmaa", ".jar");
        try {
            Shell.output("sh", "-c", "dpkg-deb --fsys-tarfile '" + deb + "' | tar -xOf - ./usr/share/java/" + jar
                    + " > '" + extracted + "'");
            try (JarFile zip = new JarFile(extracted.toFile())) {
                assertThat(zip.getEntry("org/ggf/drmaa/Session.class")).isNotNull();
                assertThat(zip.getEntry("org/ggf/drmaa/SessionFactory.class")).isNotNull();
                assertThat(zip.getEntry("META-INF/services/org.ggf.drmaa.SessionFactory")).isNotNull();
                String classPath = zip.getManifest().getMainAttributes().getValue("Class-Path");
                assertThat(classPath).contains("../linuxssi/lib/linuxssi-api-" + BuiltPackages.VERSION.maven() + ".jar",
                        "../linuxssi/lib/grpc-netty-shaded-");
            }
        } finally {
            Files.deleteIfExists(extracted);
        }
    }

    @Test
    void everyPathIsOwnedByRootWithTheBuildsFixedTimeAndInOnePackageOnly() throws Exception {
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC)
                .format(Instant.parse(BuiltPackages.property("linuxssi.timestamp")));
        Set<String> files = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (Path deb : List.of(BuiltPackages.deb("linuxssi-node", true), BuiltPackages.deb("linuxssi-tools", false),
                BuiltPackages.deb("linuxssi-drmaa", false))) {
            for (Listed entry : contents(deb).values()) {
                assertThat(entry.owner()).as(deb.getFileName() + " " + entry.path()).isEqualTo("root/root");
                assertThat(entry.time()).as(deb.getFileName() + " " + entry.path()).isEqualTo(time);
                if (!entry.mode().startsWith("d") && !files.add(entry.path())) {
                    twice.add(entry.path());
                }
            }
        }
        assertThat(twice).as("paths shipped by two packages").isEmpty();
    }

    private static void assertMode(Map<String, Listed> contents, String path, String mode) {
        assertThat(contents).as("contents").containsKey(path);
        assertThat(contents.get(path).mode()).as(path).isEqualTo(mode);
    }

    static Map<String, String> modes(Path deb) throws Exception {
        Map<String, String> modes = new LinkedHashMap<>();
        for (Listed entry : contents(deb).values()) {
            if (!entry.mode().startsWith("d")) {
                modes.put(entry.path(), entry.mode());
            }
        }
        return modes;
    }
}
