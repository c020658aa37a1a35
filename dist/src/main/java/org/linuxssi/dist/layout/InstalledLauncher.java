package org.linuxssi.dist.layout;

/**
 * The /usr/bin (or /usr/sbin) script of a command. It runs the command's own launcher from bin/,
 * installed unchanged with bin/lib/common.sh under /usr/share/linuxssi/bin, so an installed
 * command finds its JDK and starts its JVM exactly as in a source checkout, on the installed jars.
 */
final class InstalledLauncher {

    private InstalledLauncher() {
    }

    static String script(String command, String packageName) {
        return "#!/bin/sh\n"
                + "# " + command + ", from " + packageName + ": LinuxSSI's bin/" + command
                + " launcher, run on the installed jars.\n"
                + "LINUXSSI_HOME=" + Packages.HOME + "\n"
                + "export LINUXSSI_HOME\n"
                + "exec " + Packages.HOME + "/bin/" + command + " \"$@\"\n";
    }
}
