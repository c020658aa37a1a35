package org.linuxssi.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeConfigParserTest {

    private static NodeConfig parse(String text) throws ConfigException {
        return NodeConfigParser.parse(text, "node.conf");
    }

    @Test
    void defaultsApplyToUnsetKeys() throws ConfigException {
        NodeConfig config = parse("# a comment\nsession_id = 12\n\nnode_id = 4\n");
        assertThat(config.sessionId()).isEqualTo(12);
        assertThat(config.nodeId()).contains(4);
        assertThat(config.port()).isEqualTo(7470);
        assertThat(config.raftPort()).isEqualTo(7471);
        assertThat(config.managers()).isEmpty();
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/linuxssi"));
        assertThat(config.socket()).isEqualTo(Path.of("/run/linuxssi/ssi.sock"));
        assertThat(config.autoAdd()).isTrue();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.shepherdPath()).isEmpty();
    }

    @Test
    void shepherdPathIsAnAbsolutePath() throws ConfigException {
        assertThat(parse("session_id = 1\nnode_id = 1\nshepherd_path = /opt/ssi/linuxssi-shepherd\n").shepherdPath())
                .contains(Path.of("/opt/ssi/linuxssi-shepherd"));
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 1\nshepherd_path = bin/linuxssi-shepherd\n"))
                .hasMessage("node.conf:3: shepherd_path = bin/linuxssi-shepherd is not an absolute path "
                        + "(e.g. /usr/lib/linuxssi/linuxssi-shepherd)");
    }

    @Test
    void criuPathIsAnAbsolutePath() throws ConfigException {
        assertThat(parse("session_id = 1\nnode_id = 1\n").criuPath()).isEmpty();
        assertThat(parse("session_id = 1\nnode_id = 1\ncriu_path = /opt/criu/bin/criu\n").criuPath())
                .contains(Path.of("/opt/criu/bin/criu"));
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 1\ncriu_path = criu\n"))
                .hasMessage("node.conf:3: criu_path = criu is not an absolute path (e.g. /usr/sbin/criu)");
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        NodeConfig config = parse("""
                session_id = 3
                node_id = auto
                cluster_network = 192.168.1.0/24
                bind_address = 192.168.1.17
                port = 9000
                managers = 192.168.1.1, 192.168.1.2:9100,192.168.1.3
                state_dir = /srv/ssi
                socket = /tmp/ssi.sock
                auto_add = false
                heartbeat_interval = 250ms
                heartbeat_timeout = 3s
                """);
        assertThat(config.nodeId()).isEmpty();
        assertThat(config.clusterNetwork().orElseThrow()).hasToString("192.168.1.0/24");
        assertThat(config.bindAddress().orElseThrow().getHostAddress()).isEqualTo("192.168.1.17");
        assertThat(config.managers()).extracting(ManagerAddress::toString)
                .containsExactly("192.168.1.1:9000", "192.168.1.2:9100", "192.168.1.3:9000");
        assertThat(config.autoAdd()).isFalse();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void sessionIdIsRequiredAndBounded() {
        assertThatThrownBy(() -> parse("node_id = 1\n")).hasMessageContaining("session_id is required");
        assertThatThrownBy(() -> parse("session_id = 0\nnode_id = 1\n"))
                .hasMessage("node.conf:1: session_id = 0 is not allowed (allowed: a number from 1 to 9999)");
        assertThatThrownBy(() -> parse("session_id = 10000\nnode_id = 1\n")).hasMessageContaining("10000");
    }

    @Test
    void nodeIdIsAutoOrBounded() {
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 5000\n"))
                .hasMessage("node.conf:2: node_id = 5000 is not allowed (allowed: auto or a number from 1 to 4094)");
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = auto\n"))
                .hasMessageContaining("node_id is 'auto' but cluster_network is not set");
    }

    @Test
    void unknownKeysAndMalformedLinesAreNamed() {
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 1\nsesion = 2\n"))
                .hasMessageStartingWith("node.conf:3: unknown key 'sesion' (known keys: auto_add, bind_address,");
        assertThatThrownBy(() -> parse("session_id 1\n")).hasMessage("node.conf:1: 'session_id 1' is not a 'key = value' line");
        assertThatThrownBy(() -> parse("session_id = 1\nsession_id = 2\n")).hasMessageContaining("set twice");
    }

    @Test
    void networksAndAddressesAreChecked() {
        assertThatThrownBy(() -> parse("session_id = 1\ncluster_network = 10.0.0.0\n"))
                .hasMessageContaining("'10.0.0.0' is not a network");
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 1\nbind_address = 10.0.0.300\n"))
                .hasMessageContaining("octet 300");
        assertThatThrownBy(() -> parse("session_id = 1\ncluster_network = 10.0.0.0/24\nbind_address = 10.0.1.5\n"))
                .hasMessageContaining("bind_address = 10.0.1.5 is not on cluster_network 10.0.0.0/24");
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 1\nmanagers = a:b\n"))
                .hasMessageContaining("port 'b' is not a number");
    }

    @Test
    void heartbeatTimeoutMustExceedTwoIntervals() {
        assertThatThrownBy(() -> parse("session_id = 1\nnode_id = 1\nheartbeat_interval = 2s\nheartbeat_timeout = 3s\n"))
                .hasMessageContaining("must be at least twice heartbeat_interval");
    }
}
