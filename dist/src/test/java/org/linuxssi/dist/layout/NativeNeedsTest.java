package org.linuxssi.dist.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeNeedsTest {

    private static final String OBJDUMP = """

            shepherd/target/native/linuxssi-shepherd:     file format elf64-x86-64

            Dynamic Section:
              NEEDED               libc.so.6
              FLAGS_1              0x0000000008000001

            Version References:
              required from libc.so.6:
                0x069691b3 0x00 10 GLIBC_2.33
                0x0d696919 0x00 09 GLIBC_2.9
                0x06969194 0x00 08 GLIBC_2.14
                0x069691b4 0x00 05 GLIBC_2.34
                0x09691974 0x00 03 GLIBC_2.3.4
                0x09691a75 0x00 02 GLIBC_2.2.5
            """;

    @Test
    void readsTheLibrariesAndGlibcVersionsOldestFirst() {
        NativeNeeds needs = NativeNeeds.parse(OBJDUMP);

        assertThat(needs.libraries()).containsExactly("libc.so.6");
        assertThat(needs.glibcVersions()).containsExactly("2.2.5", "2.3.4", "2.9", "2.14", "2.33", "2.34");
        assertThat(needs.newestGlibc()).isEqualTo("2.34");
    }

    @Test
    void namesRpmCapabilitiesAsRpmDoes() {
        NativeNeeds needs = new NativeNeeds(true, List.of("libc.so.6"), List.of("2.34"));

        assertThat(needs.rpmCapability("libc.so.6", "")).isEqualTo("libc.so.6()(64bit)");
        assertThat(needs.rpmCapability("libc.so.6", "2.34")).isEqualTo("libc.so.6(GLIBC_2.34)(64bit)");
        assertThat(new NativeNeeds(false, List.of(), List.of()).rpmCapability("libc.so.6", "2.4"))
                .isEqualTo("libc.so.6(GLIBC_2.4)");
    }
}
