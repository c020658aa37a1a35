package org.linuxssi.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobalPidTest {

    @Test
    void processOnNodeSeventeenReadsAtAGlance() {
        long gpid = GlobalPid.of(17, 4242);
        assertThat(gpid).isEqualTo(170_004_242L);
        assertThat(GlobalPid.nodeOf(gpid)).isEqualTo(17);
        assertThat(GlobalPid.localPidOf(gpid)).isEqualTo(4242);
        assertThat(GlobalPid.of(4094, 4_194_303)).isEqualTo(40_944_194_303L);
    }

    @Test
    void aPidThatWouldSpillIntoTheNodeIsRefused() {
        assertThatThrownBy(() -> GlobalPid.of(1, 10_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GlobalPid.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
