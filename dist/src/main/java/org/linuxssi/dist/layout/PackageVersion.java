package org.linuxssi.dist.layout;

/**
 * The project version as each package format writes it. A Maven pre-release suffix sorts before
 * the release in Maven, so it becomes "~", which sorts before the release in dpkg and RPM too
 * (0.2.0-SNAPSHOT is 0.2.0~SNAPSHOT).
 */
public record PackageVersion(String maven) {

    /** Always 1: packages are rebuilt only with a new project version. */
    public static final String RPM_RELEASE = "1";

    public PackageVersion {
        if (!maven.matches("[0-9][A-Za-z0-9.+-]*")) {
            throw new IllegalArgumentException("project version '" + maven
                    + "' cannot be a package version (expected digits, letters, '.', '+' and '-', starting with a digit)");
        }
    }

    /** The Debian version, e.g. 0.1.0. */
    public String deb() {
        return maven.replace('-', '~');
    }

    /** The RPM Version tag (without release). */
    public String rpm() {
        return maven.replace('-', '~');
    }

    /** version-release, as RPM compares "=" requirements. */
    public String rpmWithRelease() {
        return rpm() + "-" + RPM_RELEASE;
    }
}
