package org.linuxssi.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShepherdLocatorTest {

    @TempDir
    Path dir;

    @Test
    void theConfiguredPathWinsAndMustBeExecutable() throws Exception {
        Path binary = Files.createFile(dir.resolve("linuxssi-shepherd"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(new ShepherdLocator(Optional.of(binary), Optional.of("/elsewhere")).locate()).isEqualTo(binary);
        assertThatThrownBy(() -> new ShepherdLocator(Optional.of(dir.resolve("missing")), Optional.empty()).locate())
                .hasMessage("no linuxssi-shepherd at " + dir.resolve("missing") + " (from shepherd_path in node.conf)");
    }

    @Test
    void theEnvironmentComesNext() {
        assertThatThrownBy(() -> new ShepherdLocator(Optional.empty(), Optional.of("/nowhere/shepherd")).locate())
                .hasMessage("no linuxssi-shepherd at /nowhere/shepherd (from LINUXSSI_SHEPHERD)");
    }

    @Test
    void withoutEitherTheInstalledOrTheSourceTreeBinaryIsUsed() throws Exception {
        Path found;
        try {
            found = new ShepherdLocator(Optional.empty(), Optional.empty()).locate();
        } catch (ShepherdLocator.ShepherdMissingException e) {
            assertThat(e.getMessage()).startsWith("no linuxssi-shepherd found (looked at "
                    + "/usr/lib/linuxssi/linuxssi-shepherd, ").endsWith("; set shepherd_path in node.conf or LINUXSSI_SHEPHERD)");
            return;
        }
        assertThat(found.getFileName()).hasToString("linuxssi-shepherd");
        assertThat(Files.isExecutable(found)).isTrue();
    }
}
