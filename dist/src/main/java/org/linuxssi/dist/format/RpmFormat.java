package org.linuxssi.dist.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.packager.rpm.FileFlags;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.DigestAlgorithm;
import org.eclipse.packager.rpm.build.FileInformation;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.build.SimpleFileInformationCustomizer;
import org.eclipse.packager.rpm.coding.PayloadCoding;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;
import org.linuxssi.dist.layout.Entry;
import org.linuxssi.dist.layout.PackageLayout;
import org.linuxssi.dist.layout.PackageVersion;
import org.linuxssi.dist.layout.RpmRequirement;
import org.linuxssi.dist.layout.RpmRequirement.Scriptlet;

/**
 * Writes a layout as an .rpm with Eclipse Packager (pure Java, no rpmbuild): conffiles as
 * %config(noreplace), SHA-256 file digests, and the build time and host fixed so that
 * two builds give the same bytes.
 */
public final class RpmFormat {

    /** Not the build machine's name: it would differ between two builds of one commit. */
    static final String BUILD_HOST = "linuxssi-build";
    /** Rich dependencies, "(a or b)", need rpm 4.13 or newer (RHEL 8, Fedora 26). */
    private static final String RICH_DEPENDENCIES = "rpmlib(RichDependencies)";

    private RpmFormat() {
    }

    /** linuxssi-node-0.1.0-1.x86_64.rpm */
    public static String fileName(PackageLayout layout, Release release) {
        return layout.name() + "-" + release.version().rpmWithRelease() + "." + layout.architecture().rpm() + ".rpm";
    }

    /** Writes the package into {@code outputDir}. */
    public static Path write(PackageLayout layout, Release release, Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        BuilderOptions options = new BuilderOptions();
        options.setFileDigestAlgorithm(DigestAlgorithm.SHA256);
        // gzip, as for the .deb: xz costs a minute per build for 3% on already compressed jars.
        options.setPayloadCoding(PayloadCoding.GZIP);
        options.setFileNameProvider((name, version, architecture) -> fileName(layout, release));
        RpmVersion version = new RpmVersion(release.version().rpm(), PackageVersion.RPM_RELEASE);
        try (RpmBuilder rpm = new RpmBuilder(layout.name(), version, layout.architecture().rpm(), outputDir, options)) {
            RpmBuilder.PackageInformation info = rpm.getInformation();
            info.setSummary(layout.summary());
            info.setDescription(layout.description());
            info.setLicense(release.license());
            info.setUrl(release.homepage());
            info.setPackager(release.maintainer());
            info.setVendor("LinuxSSI");
            info.setGroup("Unspecified");
            info.setBuildHost(BUILD_HOST);
            int buildTime = Math.toIntExact(release.timestamp().getEpochSecond());
            rpm.setHeaderCustomizer(header -> header.putInt(RpmTag.BUILDTIME, buildTime));

            boolean rich = false;
            for (RpmRequirement requirement : layout.rpmRequires()) {
                rpm.addRequirement(requirement.name(), requirement.version(), flags(requirement));
                rich |= requirement.name().startsWith("(");
            }
            if (rich) {
                rpm.addRequirement(RICH_DEPENDENCIES, "4.12.0-1", RpmDependencyFlags.RPMLIB, RpmDependencyFlags.LESS,
                        RpmDependencyFlags.EQUAL);
            }
            for (Map.Entry<Scriptlet, String> script : layout.rpmScriptlets().entrySet()) {
                switch (script.getKey()) {
                    case PRE -> rpm.setPreInstallationScript("/bin/sh", script.getValue());
                    case POST -> rpm.setPostInstallationScript("/bin/sh", script.getValue());
                    case PREUN -> rpm.setPreRemoveScript("/bin/sh", script.getValue());
                    case POSTUN -> rpm.setPostRemoveScript("/bin/sh", script.getValue());
                }
            }

            BuilderContext payload = rpm.newContext();
            for (Entry entry : layout.entries()) {
                switch (entry) {
                    case Entry.Directory dir -> payload.addDirectory(dir.path(), owned(release, dir.mode(), Set.of()));
                    case Entry.File file -> payload.addFile(file.path(), file.content(),
                            owned(release, file.mode(), flags(file)));
                    case Entry.Link link -> payload.addSymbolicLink(link.path(), link.target(),
                            owned(release, 0777, Set.of()));
                }
            }
            rpm.build();
            return rpm.getTargetFile();
        }
    }

    private static SimpleFileInformationCustomizer owned(Release release, int mode, Set<FileFlags> flags) {
        return (FileInformation information) -> {
            information.setUser("root");
            information.setGroup("root");
            information.setMode((short) mode);
            information.setTimestamp(release.timestamp());
            information.setFileFlags(flags.isEmpty() ? EnumSet.noneOf(FileFlags.class) : EnumSet.copyOf(flags));
        };
    }

    /** Conffiles are %config(noreplace); man pages are %doc, which rpm --excludedocs leaves out. */
    private static Set<FileFlags> flags(Entry.File file) {
        if (file.conffile()) {
            return EnumSet.of(FileFlags.CONFIGURATION, FileFlags.NOREPLACE);
        }
        return file.path().startsWith("/usr/share/man/") ? EnumSet.of(FileFlags.DOC) : Set.of();
    }

    private static RpmDependencyFlags[] flags(RpmRequirement requirement) {
        Set<RpmDependencyFlags> flags = EnumSet.noneOf(RpmDependencyFlags.class);
        switch (requirement.operator()) {
            case "=" -> flags.add(RpmDependencyFlags.EQUAL);
            case ">=" -> flags.addAll(EnumSet.of(RpmDependencyFlags.GREATER, RpmDependencyFlags.EQUAL));
            case "" -> {
            }
            default -> throw new IllegalArgumentException("unknown operator in " + requirement);
        }
        for (Scriptlet scriptlet : requirement.scriptlets()) {
            flags.add(switch (scriptlet) {
                case PRE -> RpmDependencyFlags.SCRIPT_PRE;
                case POST -> RpmDependencyFlags.SCRIPT_POST;
                case PREUN -> RpmDependencyFlags.SCRIPT_PREUN;
                case POSTUN -> RpmDependencyFlags.SCRIPT_POSTUN;
            });
        }
        return flags.toArray(RpmDependencyFlags[]::new);
    }
}
