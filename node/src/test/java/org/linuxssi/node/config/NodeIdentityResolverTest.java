package org.linuxssi.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityResolverTest {

    @TempDir
    Path dir;

    private Path cmdline(String text) throws Exception {
        Path file = dir.resolve("cmdline");
        Files.writeString(file, text);
        return file;
    }

    private static AddressSource fixed(String... addresses) {
        return new AddressSource() {
            @Override
            public List<InetAddress> addresses() {
                return java.util.Arrays.stream(addresses).map(NodeIdentityResolverTest::ip).toList();
            }

            @Override
            public boolean canBind(InetAddress address) {
                return addresses().contains(address);
            }
        };
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void autoTakesTheHostPartOfTheAddressOnTheClusterNetwork() throws Exception {
        NodeConfig config = NodeConfigParser.parse("session_id = 1\ncluster_network = 192.168.1.0/24\n", "t");
        NodeIdentity identity = new NodeIdentityResolver(config, dir.resolve("none"),
                fixed("127.0.0.1", "10.1.1.1", "192.168.1.17")).resolve();
        assertThat(identity.nodeId()).isEqualTo(17);
        assertThat(identity.address().getHostAddress()).isEqualTo("192.168.1.17");
    }

    @Test
    void autoOnALoopbackBindAddressGivesItsLastOctet() throws Exception {
        NodeConfig config = NodeConfigParser.parse(
                "session_id = 1\ncluster_network = 127.0.0.0/8\nbind_address = 127.0.0.3\n", "t");
        assertThat(new NodeIdentityResolver(config, dir.resolve("none"), fixed("127.0.0.3")).resolve().nodeId())
                .isEqualTo(3);
    }

    @Test
    void kernelCommandLineOverridesAutoButNotAFixedId() throws Exception {
        Path cmdline = cmdline("ro quiet node_id=42 splash\n");
        NodeConfig auto = NodeConfigParser.parse("session_id = 1\ncluster_network = 10.0.0.0/16\n", "t");
        assertThat(new NodeIdentityResolver(auto, cmdline, fixed("10.0.3.4")).resolve().nodeId()).isEqualTo(42);
        NodeConfig fixedId = NodeConfigParser.parse("session_id = 1\nnode_id = 9\n", "t");
        assertThat(new NodeIdentityResolver(fixedId, cmdline, fixed()).resolve().nodeId()).isEqualTo(9);
    }

    @Test
    void badKernelCommandLineIdIsNamed() throws Exception {
        NodeConfig auto = NodeConfigParser.parse("session_id = 1\ncluster_network = 10.0.0.0/16\n", "t");
        Path cmdline = cmdline("node_id=0\n");
        assertThatThrownBy(() -> new NodeIdentityResolver(auto, cmdline, fixed("10.0.3.4")).resolve())
                .hasMessage(cmdline + ": node_id=0 is not allowed (allowed: a number from 1 to 4094)");
    }

    @Test
    void hostPartAbove4094IsRefused() throws Exception {
        NodeConfig config = NodeConfigParser.parse("session_id = 1\ncluster_network = 10.0.0.0/16\n", "t");
        assertThatThrownBy(() -> new NodeIdentityResolver(config, dir.resolve("none"), fixed("10.0.20.1")).resolve())
                .hasMessageContaining("gives node id 5121, outside 1 to 4094");
    }

    @Test
    void autoWaitsForTheAddressToAppear() throws Exception {
        NodeConfig config = NodeConfigParser.parse("session_id = 1\ncluster_network = 192.168.7.0/24\n", "t");
        AtomicInteger polls = new AtomicInteger();
        AddressSource appearsLater = new AddressSource() {
            @Override
            public List<InetAddress> addresses() {
                return polls.incrementAndGet() < 4 ? List.of(ip("127.0.0.1")) : List.of(ip("192.168.7.23"));
            }

            @Override
            public boolean canBind(InetAddress address) {
                return false;
            }
        };
        CompletableFuture<NodeIdentity> resolved = CompletableFuture.supplyAsync(() -> {
            try {
                return new NodeIdentityResolver(config, dir.resolve("none"), appearsLater).resolve();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(resolved.get(30, TimeUnit.SECONDS).nodeId()).isEqualTo(23);
        assertThat(polls.get()).isGreaterThanOrEqualTo(4);
    }
}
