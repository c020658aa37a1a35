package org.linuxssi.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.ggf.drmaa.InvalidAttributeFormatException;
import org.ggf.drmaa.InvalidContactStringException;
import org.junit.jupiter.api.Test;

/** Contact strings and native specifications: what they accept, and the one line for what they do not. */
class ContactAndNativeSpecificationTest {

    private static final Map<String, String> ENV = Map.of("LINUXSSI_SOCKET", "/tmp/n1/ssi.sock");

    @Test
    void contactStringsNameASessionAndASocket() throws Exception {
        assertThat(ContactString.parse(null, ENV)).isEqualTo(new ContactString(0, Path.of("/tmp/n1/ssi.sock")));
        assertThat(ContactString.parse("", Map.of()).socket()).isEqualTo(ContactString.DEFAULT_SOCKET);
        assertThat(ContactString.parse("linuxssi:7", ENV)).isEqualTo(new ContactString(7, Path.of("/tmp/n1/ssi.sock")));
        ContactString full = ContactString.parse("linuxssi:12@/run/x.sock", ENV);
        assertThat(full).isEqualTo(new ContactString(12, Path.of("/run/x.sock")));
        assertThat(ContactString.parse(full.format(), ENV)).isEqualTo(full);
        for (String bad : new String[] {"sge:1", "linuxssi:x", "linuxssi:0", "linuxssi:-3", "linuxssi:1@relative"}) {
            assertThatThrownBy(() -> ContactString.parse(bad, ENV)).as(bad)
                    .isInstanceOf(InvalidContactStringException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void nativeSpecificationsHoldPlacementOptionsOnly() throws Exception {
        assertThat(NativeSpecification.parse("  -n 2   --mem 512M --policy pack --rerunnable "))
                .isEqualTo(new NativeSpecification(2, 512L << 20, "pack", true));
        assertThat(NativeSpecification.parse(null)).isEqualTo(new NativeSpecification(0, 0, "", false));
        assertThat(NativeSpecification.parse("--mem 1048576").memBytes()).isEqualTo(1048576);
        assertThatThrownBy(() -> NativeSpecification.parse("-l h_vmem=1G"))
                .isInstanceOf(InvalidAttributeFormatException.class)
                .hasMessage("nativeSpecification: unknown option '-l' (allowed: " + NativeSpecification.ALLOWED + ")");
        assertThatThrownBy(() -> NativeSpecification.parse("-n 5000")).hasMessageContaining("allowed: 1 to 4094");
        assertThatThrownBy(() -> NativeSpecification.parse("--mem 0")).hasMessageContaining("--mem '0'");
        assertThatThrownBy(() -> NativeSpecification.parse("--policy")).hasMessageContaining("--policy needs a value");
    }
}
