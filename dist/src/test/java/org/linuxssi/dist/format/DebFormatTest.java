package org.linuxssi.dist.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.linuxssi.dist.layout.Architecture;
import org.linuxssi.dist.layout.PackageLayout;
import org.linuxssi.dist.layout.PackageVersion;

class DebFormatTest {

    private static final Release RELEASE = new Release(new PackageVersion("0.2.0-SNAPSHOT"), "Dev <dev@example.invalid>",
            "https://example.invalid/", "MIT", Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void writesTheControlFileDebianPolicyAsks() {
        PackageLayout layout = new PackageLayout("linuxssi-x", Architecture.INDEPENDENT, "admin", "One line",
                "First paragraph,\non two lines.\n\nSecond paragraph.", List.of("a (= 1)", "b | c"), List.of(),
                new TreeMap<>(), new TreeMap<>(), List.of());

        assertThat(DebFormat.control(layout, RELEASE)).isEqualTo("""
                Package: linuxssi-x
                Version: 0.2.0~SNAPSHOT
                Architecture: all
                Maintainer: Dev <dev@example.invalid>
                Section: admin
                Priority: optional
                Homepage: https://example.invalid/
                Depends: a (= 1), b | c
                Description: One line
                 First paragraph,
                 on two lines.
                 .
                 Second paragraph.
                """);
        assertThat(DebFormat.fileName(layout, RELEASE)).isEqualTo("linuxssi-x_0.2.0~SNAPSHOT_all.deb");
    }

    @Test
    void writesNoDependsFieldForAPackageWithoutDependencies() {
        PackageLayout layout = new PackageLayout("linuxssi-y", new Architecture("amd64", "x86_64"), "java", "Y", "Y.",
                List.of(), List.of(), new TreeMap<>(), new TreeMap<>(), List.of());

        assertThat(DebFormat.control(layout, RELEASE)).doesNotContain("Depends");
        assertThat(DebFormat.fileName(layout, RELEASE)).isEqualTo("linuxssi-y_0.2.0~SNAPSHOT_amd64.deb");
    }
}
