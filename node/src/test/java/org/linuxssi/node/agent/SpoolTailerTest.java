package org.linuxssi.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTailerTest {

    @TempDir
    Path dir;

    @Test
    void followsAGrowingFileFromAnOffsetInChunks() throws Exception {
        Path spool = dir.resolve("stdout");
        try (SpoolTailer tailer = new SpoolTailer(spool, 2)) {
            assertThat(tailer.read(4).isEmpty()).as("no spool yet").isTrue();
            Files.writeString(spool, "abcdefg");
            assertThat(tailer.read(4).toStringUtf8()).isEqualTo("cdef");
            assertThat(tailer.read(4).toStringUtf8()).isEqualTo("g");
            assertThat(tailer.read(4).isEmpty()).isTrue();
            Files.writeString(spool, "hi", StandardOpenOption.APPEND);
            assertThat(tailer.read(4).toStringUtf8()).isEqualTo("hi");
            assertThat(tailer.offset()).isEqualTo(9);
        }
    }

    @Test
    void readsIntoAGivenArrayWhenItIsLargeEnough() throws Exception {
        Path spool = dir.resolve("stdout");
        Files.writeString(spool, "abcdefg");
        byte[] reuse = new byte[2];
        try (SpoolTailer tailer = new SpoolTailer(spool, 0)) {
            assertThat(tailer.read(4, reuse).toStringUtf8()).isEqualTo("abcd");
            assertThat(reuse).as("more than the array holds: read into an array of its own").containsExactly(0, 0);
            assertThat(tailer.read(2, reuse).toStringUtf8()).isEqualTo("ef");
            assertThat(reuse).containsExactly('e', 'f');
            assertThat(tailer.read(2, reuse).toStringUtf8()).isEqualTo("g");
        }
    }
}
