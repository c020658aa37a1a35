package org.linuxssi.tools.krgrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {

    @ParameterizedTest
    @CsvSource({"0,0", "4096,4096", "1024K,1048576", "1024k,1048576", "512M,536870912", "2G,2147483648",
            "1T,1099511627776"})
    void sizes(String text, long bytes) {
        assertThat(MemorySize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12X", "1.5G", "-1", "G", "2GB", "1 G"})
    void badSizesNameTheValueAndTheForms(String text) {
        assertThatThrownBy(() -> MemorySize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a memory size (" + MemorySize.FORMS + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999999", "9000000000T"})
    void sizesBeyondSixtyThreeBitsAreRefused(String text) {
        assertThatThrownBy(() -> MemorySize.parse(text)).hasMessageStartingWith("'" + text + "' is too large");
    }
}
