package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileTransferModeTest {
    @Test
    void startsWithNothingToTransfer() {
        FileTransferMode mode = new FileTransferMode();

        assertThat(mode.getInputStream()).isFalse();
        assertThat(mode.getOutputStream()).isFalse();
        assertThat(mode.getErrorStream()).isFalse();
        assertThat(mode.toString()).isEmpty();
    }

    @Test
    void constructorArgumentsAreInputOutputError() {
        FileTransferMode mode = new FileTransferMode(true, false, true);

        assertThat(mode.getInputStream()).isTrue();
        assertThat(mode.getOutputStream()).isFalse();
        assertThat(mode.getErrorStream()).isTrue();
        assertThat(mode.toString()).isEqualTo("input, error");
    }

    @Test
    void settersEqualityAndClone() {
        FileTransferMode mode = new FileTransferMode();
        mode.setOutputStream(true);
        mode.setErrorStream(true);
        mode.setInputStream(true);

        FileTransferMode copy = (FileTransferMode) mode.clone();

        assertThat(copy).isEqualTo(new FileTransferMode(true, true, true)).hasSameHashCodeAs(mode);
        copy.setInputStream(false);
        assertThat(mode.getInputStream()).isTrue();
        assertThat(copy).isNotEqualTo(mode);
        assertThat(mode.toString()).isEqualTo("input, output, error");
    }
}
