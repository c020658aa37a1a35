package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void ordersByMajorThenMinor() {
        List<Version> versions = new ArrayList<>(List.of(
                new Version(1, 10), new Version(0, 5), new Version(2, 0), new Version(1, 0), new Version(1, 2)));

        Collections.sort(versions);

        assertThat(versions).extracting(Version::toString).containsExactly("0.5", "1.0", "1.2", "1.10", "2.0");
        assertThat(new Version(1, 0).compareTo(new Version(1, 0))).isZero();
        assertThat(new Version(0, 99).compareTo(new Version(1, 0))).isNegative();
        assertThat(new Version(1, 1).compareTo(new Version(1, 0))).isPositive();
    }

    @Test
    void equalityAndHashFollowTheNumbers() {
        assertThat(new Version(1, 0)).isEqualTo(new Version(1, 0)).hasSameHashCodeAs(new Version(1, 0));
        assertThat(new Version(1, 0)).isNotEqualTo(new Version(0, 1)).isNotEqualTo("1.0");
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> new Version(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("major");
        assertThatThrownBy(() -> new Version(1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minor");
    }

    @Test
    void cloneIsAnEqualCopy() {
        Version version = new Version(1, 0);

        Object copy = version.clone();

        assertThat(copy).isNotSameAs(version).isEqualTo(version);
        assertThat(new Version(3, 7).getMajor()).isEqualTo(3);
        assertThat(new Version(3, 7).getMinor()).isEqualTo(7);
    }
}
