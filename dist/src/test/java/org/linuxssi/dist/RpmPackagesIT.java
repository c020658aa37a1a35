package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inspects the built .rpms with rpm(8) (Debian's package "rpm"; .ci/run installs it). Without it
 * these tests are reported as skipped, with the reason.
 */
class RpmPackagesIT {

    private static final String VR = BuiltPackages.VERSION.rpmWithRelease();

    @BeforeAll
    static void rpmIsThere() {
        assumeTrue(Shell.has("rpm"), "rpm(8) is not installed, so the .rpm packages were NOT inspected:"
                + " apt-get install rpm, then run the tests again");
    }

    private static String query(Path rpm, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("rpm", "-qp"));
        command.addAll(List.of(options));
        command.add(rpm.toString());
        return Shell.output(command.toArray(String[]::new));
    }

    private static List<String> requires(Path rpm) throws Exception {
        return List.of(query(rpm, "-R").strip().split("\n"));
    }

    /** Non-directory paths with their mode, owner and flags: "-rwxr-xr-x root:root  /usr/bin/krgadm". */
    private static Map<String, String> files(Path rpm) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        String out = query(rpm, "--qf", "[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} %{FILEFLAGS:fflags} %{FILENAMES}\\n]");
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split(" ", 4);
                files.put(f[3], f[0] + " " + f[1] + " " + f[2]);
            }
        }
        return files;
    }

    @Test
    void namesVersionsAndArchitectures() throws Exception {
        for (String name : List.of("linuxssi", "linuxssi-tools", "linuxssi-drmaa")) {
            assertThat(query(BuiltPackages.rpm(name, false), "--qf", "%{NAME} %{VERSION}-%{RELEASE} %{ARCH}"))
                    .isEqualTo(name + " " + VR + " noarch");
        }
        assertThat(query(BuiltPackages.rpm("linuxssi-node", true), "--qf", "%{NAME} %{VERSION}-%{RELEASE} %{ARCH}"))
                .isEqualTo("linuxssi-node " + VR + " " + BuiltPackages.MACHINE.rpm());
        assertThat(query(BuiltPackages.rpm("linuxssi-node", true), "-i")).contains("Build Host  : linuxssi-build",
                "Summary     : LinuxSSI node daemon (linuxssid)");
    }

    @Test
    void digestsAreRight() throws Exception {
        for (String name : List.of("linuxssi", "linuxssi-tools", "linuxssi-drmaa", "linuxssi-node")) {
            Path rpm = BuiltPackages.rpm(name, name.equals("linuxssi-node"));
            assertThat(Shell.output("rpm", "-K", "--nosignature", rpm.toString())).contains("digests OK");
        }
    }

    @Test
    void theMetapackageRequiresTheThreeOthersAtExactlyThisVersion() throws Exception {
        assertThat(requires(BuiltPackages.rpm("linuxssi", false))).contains("linuxssi-node = " + VR,
                "linuxssi-tools = " + VR, "linuxssi-drmaa = " + VR);
        assertThat(query(BuiltPackages.rpm("linuxssi", false), "-l").strip()).isEqualTo("(contains no files)");
    }

    @Test
    void theNodePackageRequiresTheToolsGlibcKillAndSystemdAndKeepsItsConfiguration() throws Exception {
        Path rpm = BuiltPackages.rpm("linuxssi-node", true);

        assertThat(requires(rpm)).contains("linuxssi-tools = " + VR, "/usr/bin/kill", "systemd", "libc.so.6()(64bit)")
                .anyMatch(r -> r.matches("libc\\.so\\.6\\(GLIBC_2\\.[0-9]+\\)\\(64bit\\)"));
        assertThat(query(rpm, "--qf", "[%{REQUIRENAME} %{REQUIREFLAGS:deptype}\\n]"))
                .contains("systemd pre,post,preun,postun");
        assertThat(query(rpm, "-c").strip().split("\n")).containsExactly("/etc/linuxssi/krg-drmaa-server.conf",
                "/etc/linuxssi/node.conf", "/etc/linuxssi/scheduler.conf");
        assertThat(query(rpm, "--scripts")).contains("preinstall scriptlet (using /bin/sh)",
                "postinstall scriptlet (using /bin/sh)", "preuninstall scriptlet (using /bin/sh)",
                "postuninstall scriptlet (using /bin/sh)", "systemctl enable linuxssid.service");
        Map<String, String> files = files(rpm);
        assertThat(files).containsEntry("/usr/lib/linuxssi/linuxssi-shepherd", "-rwxr-xr-x root:root ")
                .containsEntry("/usr/sbin/linuxssid", "-rwxr-xr-x root:root ")
                .containsEntry("/usr/lib/systemd/system/linuxssid.service", "-rw-r--r-- root:root ")
                .containsEntry("/etc/linuxssi/node.conf", "-rw-r--r-- root:root cn")
                .containsEntry("/usr/share/man/man8/linuxssid.8.gz", "-rw-r--r-- root:root d")
                .containsEntry("/etc/linuxssi", "drwxr-xr-x root:root ");
    }

    @Test
    void theToolsPackageRequiresJava21OrNewerTheWayFedoraAndRhelNameIt() throws Exception {
        Path rpm = BuiltPackages.rpm("linuxssi-tools", false);

        assertThat(requires(rpm)).contains("(java-headless >= 1:21 or java-21-headless or java-25-headless)",
                "rpmlib(RichDependencies) <= 4.12.0-1", "/usr/bin/kill", "bash", "coreutils", "sed");
        assertThat(files(rpm)).containsEntry("/usr/bin/krgadm", "-rwxr-xr-x root:root ")
                .containsEntry("/usr/share/linuxssi/bin/lib/common.sh", "-rw-r--r-- root:root ")
                .containsEntry("/usr/share/man/man1/krgadm.1.gz", "-rw-r--r-- root:root d")
                .containsEntry("/usr/share/linuxssi/bin/linuxssi-train-caches", "-rwxr-xr-x root:root ");
        assertThat(query(rpm, "--scripts")).contains("postinstall scriptlet (using /bin/sh)",
                "linuxssi-train-caches --system", "postuninstall scriptlet (using /bin/sh)", "rm -rf /var/cache/linuxssi");
    }

    @Test
    void everyRpmInstallsTheSameFilesWithTheSameModesAsItsDeb() throws Exception {
        for (String name : List.of("linuxssi-node", "linuxssi-tools", "linuxssi-drmaa")) {
            boolean machine = name.equals("linuxssi-node");
            Map<String, String> rpmModes = new LinkedHashMap<>();
            files(BuiltPackages.rpm(name, machine)).forEach((path, info) -> {
                if (!info.startsWith("d")) {
                    rpmModes.put(path, info.split(" ")[0]);
                }
            });
            assertThat(rpmModes).as(name).isEqualTo(DebPackagesIT.modes(BuiltPackages.deb(name, machine)));
        }
    }
}
