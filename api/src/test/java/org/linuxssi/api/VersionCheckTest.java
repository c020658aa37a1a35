package org.linuxssi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionCheckTest {

    @Test
    void sameMajorInteroperatesWhateverTheMinors() {
        assertThat(VersionCheck.refusal("krgadm", new ProtocolVersion(3, 0), "linuxssid", new ProtocolVersion(3, 7), 4))
                .isEmpty();
    }

    @Test
    void olderToolIsToldToUpgradeTheTools() {
        assertThat(VersionCheck.refusal("krgadm", new ProtocolVersion(2, 0), "linuxssid", new ProtocolVersion(3, 1), 4))
                .contains("krgadm 2.0 cannot talk to linuxssid 3.1 on node 4: install linuxssi-tools 3.x");
    }

    @Test
    void newerToolIsToldToUpgradeTheNode() {
        assertThat(VersionCheck.refusal("krgadm", new ProtocolVersion(3, 0), "linuxssid", new ProtocolVersion(2, 5), 4))
                .contains("krgadm 3.0 cannot talk to linuxssid 2.5 on node 4: install linuxssi-node 3.x on node 4");
    }

    @Test
    void olderDaemonIsToldToUpgradeItself() {
        assertThat(VersionCheck.refusal("linuxssid", new ProtocolVersion(1, 2), "linuxssid", new ProtocolVersion(2, 0), 9))
                .contains("linuxssid 1.2 cannot talk to linuxssid 2.0 on node 9: install linuxssi-node 2.x on this node");
    }

    @Test
    void versionTextMustBeMajorDotMinor() {
        assertThat(ProtocolVersion.parse(" 4.12 ")).isEqualTo(new ProtocolVersion(4, 12));
        assertThatThrownBy(() -> ProtocolVersion.parse("4")).hasMessage("'4' is not a protocol version (expected MAJOR.MINOR)");
        assertThatThrownBy(() -> ProtocolVersion.parse("a.b")).hasMessageContaining("'a.b'");
    }
}
