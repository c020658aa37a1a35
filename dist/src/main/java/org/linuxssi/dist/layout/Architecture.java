package org.linuxssi.dist.layout;

/**
 * The machine a package runs on, as each format names it: Java code runs anywhere ("all",
 * "noarch"); linuxssi-node carries the compiled shepherd and runs on the build machine's kind.
 */
public record Architecture(String deb, String rpm) {

    public static final Architecture INDEPENDENT = new Architecture("all", "noarch");

    /** The machine this build runs on, which is the one gcc compiled the shepherd for. */
    public static Architecture ofBuildMachine() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> new Architecture("amd64", "x86_64");
            case "aarch64", "arm64" -> new Architecture("arm64", "aarch64");
            default -> throw new IllegalStateException("no package architecture names are known for os.arch '" + arch
                    + "' (known: amd64, aarch64); add them to Architecture.ofBuildMachine");
        };
    }

    public boolean independent() {
        return equals(INDEPENDENT);
    }
}
