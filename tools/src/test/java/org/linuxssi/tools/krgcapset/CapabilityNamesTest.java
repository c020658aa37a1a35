package org.linuxssi.tools.krgcapset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Kerrighed's value syntax: numbers in three bases, +/-/exact name lists, unique prefixes, unsupported names. */
class CapabilityNamesTest {

    @Test
    void numbersAreOctalHexOrDecimalAndReplaceTheSet() {
        assertThat(CapabilityNames.apply("03", 027).value()).isEqualTo(3);
        assertThat(CapabilityNames.apply("0x13", 0).value()).isEqualTo(023);
        assertThat(CapabilityNames.apply("19", 0).value()).isEqualTo(023);
        assertThat(CapabilityNames.apply("0", 027).value()).isZero();
    }

    @Test
    void plusAddsMinusRemovesAndABareListSetsExactly() {
        assertThat(CapabilityNames.apply("+CAN_MIGRATE", 1).value()).isEqualTo(3);
        assertThat(CapabilityNames.apply("-CAN_MIGRATE,DISTANT_FORK", 07).value()).isEqualTo(1);
        assertThat(CapabilityNames.apply("CHECKPOINTABLE,CAN_MIGRATE", 07).value()).isEqualTo(022);
    }

    @Test
    void namesMatchByUniquePrefixInAnyCase() {
        assertThat(CapabilityNames.apply("+can_m", 0).value()).isEqualTo(2);
        assertThat(CapabilityNames.apply("+CHECK", 0).value()).isEqualTo(020);
        assertThatThrownBy(() -> CapabilityNames.apply("+CH", 0)).hasMessage(
                "capability 'CH' is ambiguous: it begins CHANGE_KERRIGHED_CAP, CHECKPOINTABLE");
    }

    @Test
    void unknownNamesAreRefusedWithTheAllowedOnes() {
        assertThatThrownBy(() -> CapabilityNames.apply("+TELEPORT", 0)).hasMessage("unrecognized capability "
                + "'TELEPORT' (allowed: CHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK, CHECKPOINTABLE, or an "
                + "octal value such as 03)");
        assertThatThrownBy(() -> CapabilityNames.apply("010000", 0)).hasMessageContaining("too large");
    }

    @Test
    void kerrighedsOtherNamesAreIgnoredWithAWarning() {
        CapabilityNames.Parsed parsed = CapabilityNames.apply("+USE_REMOTE_MEMORY,CAN_MIGRATE", 0);
        assertThat(parsed.value()).isEqualTo(2);
        assertThat(parsed.warnings()).containsExactly("USE_REMOTE_MEMORY is not supported by LinuxSSI (ignored)");
    }

    @Test
    void listingIsKerrighedsTabbedCommaList() {
        assertThat(CapabilityNames.list(027)).isEqualTo("\tCHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK, CHECKPOINTABLE");
        assertThat(CapabilityNames.list(0)).isEmpty();
    }
}
