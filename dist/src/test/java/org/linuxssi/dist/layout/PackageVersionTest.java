package org.linuxssi.dist.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackageVersionTest {

    @Test
    void aReleaseIsTheSameVersionEverywhere() {
        PackageVersion version = new PackageVersion("0.1.0");

        assertThat(version.deb()).isEqualTo("0.1.0");
        assertThat(version.rpm()).isEqualTo("0.1.0");
        assertThat(version.rpmWithRelease()).isEqualTo("0.1.0-1");
    }

    @Test
    void aPreReleaseSortsBeforeItsReleaseInDpkgAndRpm() {
        PackageVersion version = new PackageVersion("0.2.0-SNAPSHOT");

        assertThat(version.deb()).isEqualTo("0.2.0~SNAPSHOT");
        assertThat(version.rpmWithRelease()).isEqualTo("0.2.0~SNAPSHOT-1");
    }

    @Test
    void aVersionNoPackageFormatAcceptsIsRefused() {
        assertThatThrownBy(() -> new PackageVersion("v1 beta"))
                .hasMessageContaining("'v1 beta' cannot be a package version");
    }
}
