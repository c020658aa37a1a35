package org.linuxssi.node.capability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.CapabilitySets;

/** Kerrighed's inheritance and change rules. */
class KerrighedCapabilitiesTest {

    private static CapabilitySets sets(int p, int e, int ip, int ie) {
        return CapabilitySets.newBuilder().setPermitted(p).setEffective(e).setInheritablePermitted(ip)
                .setInheritableEffective(ie).build();
    }

    @Test
    void aChildIsPermittedItsParentsInheritablePermittedAndHasItsInheritableEffectiveWithinIt() {
        assertThat(KerrighedCapabilities.childOf(sets(027, 01, 07, 023))).isEqualTo(sets(07, 03, 07, 023));
    }

    @Test
    void inheritingTwiceGivesWhatInheritingOnceGives() {
        CapabilitySets once = KerrighedCapabilities.childOf(sets(027, 01, 025, 03));
        assertThat(KerrighedCapabilities.childOf(once)).isEqualTo(once);
    }

    @Test
    void changesNeedChangeKerrighedCapInEffect() {
        assertThat(KerrighedCapabilities.refusal(sets(027, 02, 027, 01), sets(027, 03, 027, 01), true))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("CHANGE_KERRIGHED_CAP is not in the "
                        + "effective set (02)"));
    }

    @Test
    void effectiveMustStayWithinPermitted() {
        assertThat(KerrighedCapabilities.refusal(sets(027, 01, 027, 01), sets(01, 03, 027, 01), false))
                .contains("effective 03 is not within permitted 01");
    }

    @Test
    void onlyRootRaisesPermitted() {
        CapabilitySets current = sets(03, 01, 03, 01);
        CapabilitySets wanted = sets(023, 01, 03, 01);
        assertThat(KerrighedCapabilities.refusal(current, wanted, false)).hasValueSatisfying(
                reason -> assertThat(reason).contains("only root may raise"));
        assertThat(KerrighedCapabilities.refusal(current, wanted, true)).isEmpty();
    }

    @Test
    void theDefaultLetsAUserAddCanMigrateToWhatTheirShellStarts() {
        CapabilitySets d = KerrighedCapabilities.DEFAULT;
        CapabilitySets wanted = d.toBuilder().setInheritableEffective(d.getInheritableEffective()
                | KerrighedCapabilities.CAN_MIGRATE).build();
        assertThat(KerrighedCapabilities.refusal(d, wanted, false)).isEmpty();
        assertThat(KerrighedCapabilities.has(KerrighedCapabilities.childOf(wanted), KerrighedCapabilities.CAN_MIGRATE))
                .isTrue();
        assertThat(KerrighedCapabilities.has(KerrighedCapabilities.childOf(d), KerrighedCapabilities.CAN_MIGRATE))
                .isFalse();
    }
}
