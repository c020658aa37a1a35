package org.linuxssi.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void containsAndHostPart() throws ConfigException {
        Cidr network = Cidr.parse("192.168.1.0/24");
        assertThat(network.contains(NodeIdentityResolverTest.ip("192.168.1.17"))).isTrue();
        assertThat(network.contains(NodeIdentityResolverTest.ip("192.168.2.17"))).isFalse();
        assertThat(network.hostPart(NodeIdentityResolverTest.ip("192.168.1.17"))).isEqualTo(17);
        assertThat(Cidr.parse("127.0.0.0/8").hostPart(NodeIdentityResolverTest.ip("127.0.0.3"))).isEqualTo(3);
        assertThat(Cidr.parse("10.0.0.0/16").hostPart(NodeIdentityResolverTest.ip("10.0.1.5"))).isEqualTo(261);
    }
}
