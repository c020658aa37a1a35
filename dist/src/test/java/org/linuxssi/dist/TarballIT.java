package org.linuxssi.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inspects the .tar.gz with tar(1): one root directory holding the packages' usr/ and etc/ trees. */
class TarballIT {

    @Test
    void holdsEveryPackagedFileUnderOneRootOwnedByRootWithTheSameModes() throws Exception {
        String root = "linuxssi-" + BuiltPackages.VERSION.maven();
        Map<String, String> modes = new LinkedHashMap<>();
        for (String line : Shell.output("tar", "-tvzf", BuiltPackages.tarball().toString()).split("\n")) {
            String[] f = line.split("\\s+", 6);
            assertThat(f[1]).as(f[5]).isEqualTo("root/root");
            assertThat(f[5]).as("entry").startsWith(root + "/");
            if (!f[0].startsWith("d")) {
                modes.put(f[5].substring(root.length()).split(" -> ")[0], f[0]);
            }
        }

        Map<String, String> packaged = new LinkedHashMap<>();
        for (Path deb : List.of(BuiltPackages.deb("linuxssi-node", true), BuiltPackages.deb("linuxssi-tools", false),
                BuiltPackages.deb("linuxssi-drmaa", false))) {
            packaged.putAll(DebPackagesIT.modes(deb));
        }
        assertThat(modes).isEqualTo(packaged);
    }
}
