package org.linuxssi.node.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding criu and refusing the ones that cannot work, each with a line that says what to do. */
class CriuProbeTest {

    @TempDir
    Path dir;

    @Test
    void noCriuOnPathSaysHowToGetOne() {
        CriuStatus status = CriuProbe.probe(Optional.empty(), dir.toString());
        assertThat(status.usable()).isFalse();
        assertThat(status.summary()).startsWith("criu missing: install criu 4.0 or newer")
                .contains("bin/linuxssi-get-criu").contains("criu_path");
    }

    @Test
    void aConfiguredPathThatIsNotThereIsNamed() {
        CriuStatus status = CriuProbe.probe(Optional.of(dir.resolve("nowhere/criu")), "");
        assertThat(status.summary()).startsWith("criu missing: " + dir.resolve("nowhere/criu")
                + " is not an executable file");
    }

    @Test
    void criu3IsRefusedAsTooOld() throws Exception {
        Path old = dir.resolve("criu");
        Files.writeString(old, "#!/bin/sh\necho 'Version: 3.17.1'\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        CriuStatus status = CriuProbe.probe(Optional.empty(), "/nonexistent:" + dir);
        assertThat(status.usable()).isFalse();
        assertThat(status.summary()).startsWith("criu 3.17.1 too old: 4.0 or newer is needed");
    }
}
