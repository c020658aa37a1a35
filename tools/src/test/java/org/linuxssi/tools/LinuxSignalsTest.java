package org.linuxssi.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinuxSignalsTest {

    @ParameterizedTest
    @CsvSource({"KILL,9", "SIGKILL,9", "kill,9", "sigterm,15", "9,9", "0,0", "HUP,1", "USR1,10", "SIGUSR2,12",
            "TSTP,20", "CONT,18", "WINCH,28", "IOT,6", "CLD,17", "POLL,29", "SYS,31", "RTMIN,34", "RTMIN+3,37",
            "SIGRTMAX-2,62", "RTMAX,64", "64,64"})
    void namesAndNumbers(String text, int number) {
        assertThat(LinuxSignals.parse(text)).contains(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FOO", "SIG", "65", "1000", "-9", "RTMIN+31", "RTMAX-31", "9x"})
    void notSignals(String text) {
        assertThat(LinuxSignals.parse(text)).isEmpty();
    }

    @Test
    void namesOfNumbers() {
        assertThat(LinuxSignals.name(9)).isEqualTo("KILL");
        assertThat(LinuxSignals.name(31)).isEqualTo("SYS");
        assertThat(LinuxSignals.name(34)).isEqualTo("RTMIN");
        assertThat(LinuxSignals.name(37)).isEqualTo("RTMIN+3");
        assertThat(LinuxSignals.name(62)).isEqualTo("RTMAX-2");
        assertThat(LinuxSignals.name(64)).isEqualTo("RTMAX");
        assertThat(LinuxSignals.name(32)).isEqualTo("32");
    }
}
