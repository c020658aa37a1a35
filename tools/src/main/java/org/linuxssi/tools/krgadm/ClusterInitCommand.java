package org.linuxssi.tools.krgadm;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.InitClusterReply;
import org.linuxssi.api.v1.InitClusterRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;

/** {@code krgadm cluster init}: gives the cluster its identity and says how other nodes join it. */
@Command(name = "init",
        description = {"Initialise the cluster and print how the other nodes join it.",
                "Gives the cluster its identity, certificate authority and join token, and prints the node.conf",
                "lines for the other nodes. Run again, it prints the existing settings."})
final class ClusterInitCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    ClusterInitCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        try (DaemonConnection daemon = socket.connect(invocation)) {
            InitClusterReply reply = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.initCluster(InitClusterRequest.getDefaultInstance()));
            print(reply, invocation.out());
            return ExitCode.OK;
        }
    }

    static void print(InitClusterReply reply, PrintStream out) {
        String identity = "Cluster " + reply.getClusterId() + " (session_id " + reply.getSessionId() + ")";
        out.println(reply.getCreated() ? identity + " initialised." : identity + " was already initialised.");
        out.println("Put these lines into " + NodeConfigureCommand.DEFAULT_CONFIG + " on every other node:");
        out.println();
        out.println(NodeConfFile.line(NodeConfFile.SESSION_ID, Integer.toString(reply.getSessionId())));
        out.println(NodeConfFile.line(NodeConfFile.MANAGERS, managers(reply)));
        out.println(NodeConfFile.line(NodeConfFile.NODE_ID, NodeConfigureCommand.AUTO));
        if (reply.getClusterNetwork().isEmpty()) {
            out.println("# node_id = auto needs cluster_network; without it give each node its own node_id (1-4094)");
        } else {
            out.println(NodeConfFile.line(NodeConfFile.CLUSTER_NETWORK, reply.getClusterNetwork()));
        }
        out.println();
        StringBuilder configure = new StringBuilder("Or run there: krgadm node configure --session-id ")
                .append(reply.getSessionId()).append(" --node-id auto --managers ").append(managers(reply));
        if (!reply.getClusterNetwork().isEmpty()) {
            configure.append(" --cluster-network ").append(reply.getClusterNetwork());
        }
        out.println(configure);
        out.println("Join token (other nodes present it to join; keep it secret): " + reply.getJoinToken());
    }

    private static String managers(InitClusterReply reply) {
        return String.join(",", reply.getManagersList());
    }
}
