package org.linuxssi.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The node.conf shipped in dist/ parses once its session and network are set, and documents every key linuxssid knows. */
class ShippedNodeConfTest {

    private static final Path SHIPPED = Path.of("..", "dist", "etc", "linuxssi", "node.conf");

    @Test
    void parsesAndDocumentsEveryKey() throws Exception {
        String text = Files.readString(SHIPPED);
        // As shipped, the node is not configured yet (the package's configuration step does it):
        // a session and the site's network are what it needs.
        NodeConfig config = NodeConfigParser.parse(text + "session_id = 12\ncluster_network = 10.1.0.0/16\n",
                SHIPPED.toString());
        assertThat(config.sessionId()).isEqualTo(12);
        assertThat(config.nodeId()).isEmpty();
        for (String key : NodeConfigParser.KEYS) {
            assertThat(text).as("documents " + key).containsPattern("(?m)^#?" + key + " = ");
        }
    }
}
