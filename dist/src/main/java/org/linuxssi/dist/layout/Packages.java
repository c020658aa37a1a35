package org.linuxssi.dist.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.linuxssi.dist.Commands;
import org.linuxssi.dist.PackagedCommand;
import org.linuxssi.dist.layout.RpmRequirement.Scriptlet;

/**
 * The four packages: what each installs and needs. linuxssi-node depends on linuxssi-tools (its
 * maintainer scripts run krgadm, and jars both need ship once, with the tools); linuxssi pulls in
 * all three, as XtreemOS's "LinuxSSI group" did.
 */
public final class Packages {

    public static final String META = "linuxssi";
    public static final String NODE = "linuxssi-node";
    public static final String TOOLS = "linuxssi-tools";
    public static final String DRMAA = "linuxssi-drmaa";

    /** LINUXSSI_HOME of an installed system: lib/ (jars) and bin/ (the launchers of the source tree). */
    public static final String HOME = "/usr/share/linuxssi";

    /** Any Java 21 or newer: Debian's default JRE (21 in Debian 13), or a JRE providing a versioned or numbered runtime. */
    static final String DEB_JAVA = "default-jre-headless (>= 2:1.21) | java-runtime-headless (>= 21)"
            + " | java21-runtime-headless | java25-runtime-headless";
    /**
     * Fedora and RHEL: the system JDK provides java-headless = 1:VERSION (the Fedora Java packaging
     * guidelines' way to ask for a minimum), every OpenJDK package java-N-headless.
     */
    static final String RPM_JAVA = "(java-headless >= 1:21 or java-21-headless or java-25-headless)";

    private static final String TOOLS_ARTIFACT = "org.linuxssi:linuxssi-tools";
    private static final String NODE_ARTIFACT = "org.linuxssi:linuxssi-node";
    private static final String DRMAA_ARTIFACT = "org.linuxssi:linuxssi-drmaa";

    private Packages() {
    }

    /**
     * Everything the packages are made of.
     *
     * @param source     the LinuxSSI checkout (bin/, dist/)
     * @param shepherd   the compiled linuxssi-shepherd
     * @param needs      what the shepherd links against
     * @param jars       the runtime jars and who needs which
     * @param version    the project version
     * @param machine    the architecture of linuxssi-node
     * @param docs       man pages and completion of every command in {@link Commands#ALL}, by name
     */
    public record Sources(Path source, Path shepherd, NativeNeeds needs, RuntimeJars jars, PackageVersion version,
                          Architecture machine, Map<String, CommandDocs> docs) {
    }

    /** linuxssi, linuxssi-node, linuxssi-tools and linuxssi-drmaa. */
    public static List<PackageLayout> all(Sources sources) throws IOException {
        List<Path> toolsJars = sources.jars().closure(TOOLS_ARTIFACT);
        List<Path> nodeJars = sources.jars().closure(NODE_ARTIFACT).stream().filter(j -> !toolsJars.contains(j)).toList();
        return List.of(meta(sources), node(sources, nodeJars), tools(sources, toolsJars), drmaa(sources, toolsJars));
    }

    private static PackageLayout meta(Sources sources) {
        String v = sources.version().deb();
        String r = sources.version().rpmWithRelease();
        return new PackageLayout(META, Architecture.INDEPENDENT, "metapackages",
                "LinuxSSI single-system-image cluster (all components)",
                "Installs everything a LinuxSSI node needs: the node daemon linuxssid, the\n"
                        + "Kerrighed-style tools and the Java DRMAA library, as the XtreemOS\n"
                        + "\"LinuxSSI group\" did in one click.\n\n"
                        + "LinuxSSI makes a group of ordinary Linux machines behave like one machine:\n"
                        + "one view of the cluster's nodes, CPUs, memory and processes, with its state\n"
                        + "replicated so that the loss of a minority of managers changes nothing.",
                List.of(NODE + " (= " + v + ")", TOOLS + " (= " + v + ")", DRMAA + " (= " + v + ")"),
                List.of(RpmRequirement.exactly(NODE, r), RpmRequirement.exactly(TOOLS, r), RpmRequirement.exactly(DRMAA, r)),
                new TreeMap<>(), new TreeMap<>(), List.of());
    }

    private static PackageLayout node(Sources sources, List<Path> jars) throws IOException {
        NativeNeeds needs = sources.needs();
        if (!needs.libraries().equals(List.of("libc.so.6"))) {
            throw new IOException(sources.shepherd() + " links " + needs.libraries() + ", not only libc.so.6:"
                    + " declare the packages of the other libraries in Packages.node");
        }
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry.Directory("/usr/lib/linuxssi", 0755));
        entries.add(Entry.file("/usr/lib/linuxssi/linuxssi-shepherd", Files.readAllBytes(sources.shepherd()), 0755));
        entries.add(new Entry.Directory("/etc/linuxssi", 0755));
        for (String conf : List.of("node.conf", "scheduler.conf", "krg-drmaa-server.conf")) {
            entries.add(Entry.conffile("/etc/linuxssi/" + conf, read(sources, "dist/etc/linuxssi/" + conf)));
        }
        entries.add(Entry.file("/usr/lib/systemd/system/linuxssid.service", read(sources, "dist/systemd/linuxssid.service"), 0644));
        addCommands(entries, sources, PackagedCommand.Owner.NODE, NODE);
        addJars(entries, jars);

        String v = sources.version().deb();
        List<String> debDepends = List.of(TOOLS + " (= " + v + ")", "libc6 (>= " + needs.newestGlibc() + ")",
                "procps", "debconf (>= 0.5) | debconf-2.0", "init-system-helpers");
        List<RpmRequirement> rpmRequires = new ArrayList<>();
        rpmRequires.add(RpmRequirement.exactly(TOOLS, sources.version().rpmWithRelease()));
        rpmRequires.add(RpmRequirement.of(needs.rpmCapability("libc.so.6", "")));
        for (String glibc : needs.glibcVersions()) {
            rpmRequires.add(RpmRequirement.of(needs.rpmCapability("libc.so.6", glibc)));
        }
        rpmRequires.add(RpmRequirement.of("/usr/bin/kill"));
        rpmRequires.add(RpmRequirement.forScriptlets("systemd", Scriptlet.PRE, Scriptlet.POST, Scriptlet.PREUN,
                Scriptlet.POSTUN));
        return new PackageLayout(NODE, sources.machine(), "admin", "LinuxSSI node daemon (linuxssid)",
                "linuxssid joins this machine to the LinuxSSI cluster named by its session_id:\n"
                        + "it holds the replicated cluster state on manager nodes (Apache Ratis),\n"
                        + "reports this node's load, and starts, watches and signals the processes\n"
                        + "the cluster places here, each under a small supervisor (linuxssi-shepherd)\n"
                        + "that outlives a daemon restart.\n\n"
                        + "The unit linuxssid.service is enabled at installation and started once\n"
                        + "/etc/linuxssi/node.conf names the cluster: answer the package's questions,\n"
                        + "or run 'krgadm node configure'.",
                debDepends, rpmRequires, controlFiles(sources, "dist/debian/" + NODE), scriptlets(sources, "dist/rpm/" + NODE),
                entries);
    }

    private static PackageLayout tools(Sources sources, List<Path> jars) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String dir : List.of(HOME, HOME + "/bin", HOME + "/bin/lib", HOME + "/lib")) {
            entries.add(new Entry.Directory(dir, 0755));
        }
        entries.add(Entry.file(HOME + "/bin/lib/common.sh", read(sources, "bin/lib/common.sh"), 0644));
        // Not a command of its own: the maintainer scripts run it to make the tools' start-up caches.
        entries.add(Entry.file(HOME + "/bin/linuxssi-train-caches", read(sources, "bin/linuxssi-train-caches"), 0755));
        addCommands(entries, sources, PackagedCommand.Owner.TOOLS, TOOLS);
        addJars(entries, jars);
        List<String> names = Commands.of(PackagedCommand.Owner.TOOLS).stream().map(PackagedCommand::name).toList();
        return new PackageLayout(TOOLS, Architecture.INDEPENDENT, "admin",
                "LinuxSSI command-line tools (" + String.join(", ", names) + ")",
                "The tools of a LinuxSSI cluster, with Kerrighed's names, syntax and output:\n"
                        + String.join(", ", names) + ".\n"
                        + "They talk to the local linuxssid through /run/linuxssi/ssi.sock.",
                List.of(DEB_JAVA, "procps"),
                List.of(RpmRequirement.of(RPM_JAVA), RpmRequirement.of("/usr/bin/kill"), RpmRequirement.of("bash"),
                        RpmRequirement.of("coreutils"), RpmRequirement.of("sed")),
                controlFiles(sources, "dist/debian/" + TOOLS), scriptlets(sources, "dist/rpm/" + TOOLS), entries);
    }

    /**
     * The jar in /usr/share/java; what it needs (the protocol, gRPC) is linuxssi-tools' jars, which its
     * manifest's Class-Path names as ../linuxssi/lib/NAME.jar.
     */
    private static PackageLayout drmaa(Sources sources, List<Path> toolsJars) throws IOException {
        List<Path> jars = sources.jars().closure(DRMAA_ARTIFACT);
        String versioned = "linuxssi-drmaa-" + sources.version().maven() + ".jar";
        Path own = jars.stream().filter(j -> j.getFileName().toString().equals(versioned)).findFirst()
                .orElseThrow(() -> new IOException(versioned + " is not among " + jars));
        List<Path> needed = jars.stream().filter(j -> !j.equals(own) && !toolsJars.contains(j)).toList();
        if (!needed.isEmpty()) {
            throw new IOException("linuxssi-drmaa now needs " + needed + ", which linuxssi-tools does not ship:"
                    + " decide where they are installed (see dist/README.md) before packaging it");
        }
        List<Entry> entries = List.of(
                Entry.file("/usr/share/java/" + versioned, Files.readAllBytes(own), 0644),
                new Entry.Link("/usr/share/java/linuxssi-drmaa.jar", versioned));
        return new PackageLayout(DRMAA, Architecture.INDEPENDENT, "java",
                "Java DRMAA 1.0 library (org.ggf.drmaa) for LinuxSSI",
                "The org.ggf.drmaa 1.0 Java language binding of the Open Grid Forum's\n"
                        + "Distributed Resource Management Application API and its LinuxSSI\n"
                        + "implementation (krg-drmaa), for programs that submit jobs to a LinuxSSI\n"
                        + "cluster: /usr/share/java/linuxssi-drmaa.jar.",
                List.of(TOOLS + " (= " + sources.version().deb() + ")"),
                List.of(RpmRequirement.exactly(TOOLS, sources.version().rpmWithRelease())),
                new TreeMap<>(), new TreeMap<>(), entries);
    }

    /** The launcher, /usr/bin or /usr/sbin script, man pages and completion of each command of the package. */
    private static void addCommands(List<Entry> entries, Sources sources, PackagedCommand.Owner owner,
                                    String packageName) throws IOException {
        for (PackagedCommand command : Commands.of(owner)) {
            CommandDocs docs = sources.docs().get(command.name());
            if (docs == null) {
                throw new IOException("no man pages were generated for " + command.name());
            }
            entries.add(Entry.file(HOME + "/bin/" + command.name(), read(sources, "bin/" + command.name()), 0755));
            entries.add(Entry.file(command.installedPath(),
                    InstalledLauncher.script(command.name(), packageName).getBytes(StandardCharsets.UTF_8), 0755));
            docs.manPages().forEach((file, page) -> entries.add(
                    Entry.file("/usr/share/man/man" + command.manSection() + "/" + file, page, 0644)));
            entries.add(Entry.file("/usr/share/bash-completion/completions/" + command.name(),
                    docs.bashCompletion().getBytes(StandardCharsets.UTF_8), 0644));
        }
    }

    private static void addJars(List<Entry> entries, List<Path> jars) throws IOException {
        for (Path jar : jars) {
            entries.add(Entry.file(HOME + "/lib/" + jar.getFileName(), Files.readAllBytes(jar), 0644));
        }
    }

    private static byte[] read(Sources sources, String relative) throws IOException {
        Path file = sources.source().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing"
                    + (relative.startsWith("bin/") ? " (every command in Commands.ALL needs its launcher in bin/)" : ""));
        }
        return Files.readAllBytes(file);
    }

    /** The Debian control files of a package (dist/debian/PACKAGE/*), by file name. */
    private static SortedMap<String, String> controlFiles(Sources sources, String dir) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(sources.source().resolve(dir))) {
            for (Path file : list.sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** The RPM scriptlets of a package (dist/rpm/PACKAGE/pre, post, preun, postun), those that exist. */
    private static SortedMap<Scriptlet, String> scriptlets(Sources sources, String dir) throws IOException {
        SortedMap<Scriptlet, String> scripts = new TreeMap<>();
        for (Scriptlet scriptlet : Scriptlet.values()) {
            Path file = sources.source().resolve(dir).resolve(scriptlet.fileName());
            if (Files.isRegularFile(file)) {
                scripts.put(scriptlet, Files.readString(file));
            }
        }
        return scripts;
    }
}
