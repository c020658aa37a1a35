package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** linuxssi-local start on the directory of a stopped cluster: the same cluster, with its state, comes back. */
class LocalRestartTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedClusterStartsAgainOnItsPortsWithItsStateAndOtherShapesAreRefused() throws Exception {
        int port;
        String identity;
        try (LocalCluster first = LocalCluster.builder(dir).nodes(1).restartExisting().start(Duration.ofSeconds(90))) {
            port = first.port();
            ToolRun init = ToolRun.krgadm(first.node(1), "cluster", "init");
            assertThat(init.code()).as(init.toString()).isZero();
            identity = clusterId(first);
        }
        try (LocalCluster again = LocalCluster.builder(dir).nodes(1).restartExisting().start(Duration.ofSeconds(90))) {
            assertThat(again.port()).isEqualTo(port);
            assertThat(clusterId(again)).isEqualTo(identity);
        }
        assertThatThrownBy(() -> LocalCluster.builder(dir).nodes(2).restartExisting().create())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds a cluster of 1 nodes of session 1")
                .hasMessageContaining("remove " + dir + " for a new cluster");
    }

    @Test
    void aManagerWhoseAddressChangedRefusesToStartAndSaysWhy() throws Exception {
        int oldPort;
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(1).start(Duration.ofSeconds(90))) {
            oldPort = cluster.port();
            LocalNode node = cluster.node(1);
            cluster.stopAll();
            int newPort = FreePorts.pairFreeOn(List.of(InetAddress.getByName("127.0.0.1")));
            Files.writeString(node.config(), Files.readString(node.config())
                    .replace("port = " + oldPort, "port = " + newPort)
                    .replace("127.0.0.1:" + oldPort, "127.0.0.1:" + newPort));
            node.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> !node.isRunning());
            assertThat(Files.readString(node.log()))
                    .contains("belongs to the managers [m-127_0_0_1-" + oldPort)
                    .contains("this manager is now m-127_0_0_1-" + newPort)
                    .contains("give it back its old address and port in node.conf");
        }
    }

    /** The replicated cluster identity that `krgadm cluster init` made. */
    private static String clusterId(LocalCluster cluster) {
        ToolRun status = ToolRun.krgadm(cluster.node(1), "cluster", "status", "--json");
        assertThat(status.code()).as(status.toString()).isZero();
        Matcher id = Pattern.compile("\"cluster_id\": \"([0-9a-f-]{36})\"").matcher(status.out());
        assertThat(id.find()).as(status.out()).isTrue();
        return id.group(1);
    }
}
