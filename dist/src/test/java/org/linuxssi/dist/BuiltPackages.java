package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.linuxssi.dist.layout.Architecture;
import org.linuxssi.dist.layout.PackageVersion;

/** The packages this build wrote (the failsafe configuration in pom.xml passes where). */
final class BuiltPackages {

    static final Path DIR = Path.of(property("linuxssi.packages"));
    static final PackageVersion VERSION = new PackageVersion(property("linuxssi.version"));
    static final Architecture MACHINE = Architecture.ofBuildMachine();

    private BuiltPackages() {
    }

    static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by failsafe in dist/pom.xml)").isNotNull();
        return value;
    }

    static Path deb(String name, boolean machineSpecific) {
        String arch = machineSpecific ? MACHINE.deb() : "all";
        Path file = DIR.resolve(name + "_" + VERSION.deb() + "_" + arch + ".deb");
        assertThat(file).as("the package " + name).isRegularFile();
        return file;
    }

    static Path rpm(String name, boolean machineSpecific) {
        String arch = machineSpecific ? MACHINE.rpm() : "noarch";
        Path file = DIR.resolve(name + "-" + VERSION.rpmWithRelease() + "." + arch + ".rpm");
        assertThat(file).as("the package " + name).isRegularFile();
        return file;
    }

    static Path tarball() {
        Path file = DIR.resolve("linuxssi-" + VERSION.maven() + "-linux-" + MACHINE.rpm() + ".tar.gz");
        assertThat(file).as("the tarball").isRegularFile();
        return file;
    }
}
