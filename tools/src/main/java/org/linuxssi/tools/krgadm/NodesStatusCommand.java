package org.linuxssi.tools.krgadm;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.NodeList;
import org.linuxssi.tools.ProtoJson;
import org.linuxssi.tools.SocketOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krgadm nodes status}: one line per node, {@code ID:STATE}, sorted by id. */
@Command(name = "status", description = "Print the status of each node: present, online or down.",
        footer = {KrgadmCommand.NODE_STATES, KrgadmCommand.EXIT_STATUS})
final class NodesStatusCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;

    @Option(names = {"-n", "--nodes"}, paramLabel = "LIST", converter = NodeList.Converter.class,
            description = {"Only these nodes, e.g. 2,3,6-10,42-45.",
                    "As in Kerrighed, a node the cluster does not know is left out."})
    private NodeList nodes;

    @Option(names = {"-v", "--verbose"}, description = "Add address, CPUs, memory total/free and load average.")
    private boolean verbose;

    @Option(names = "--json", description = "Print the daemon's reply as one JSON document.")
    private boolean json;

    NodesStatusCommand(Invocation invocation, SocketOption socket) {
        this.invocation = invocation;
        this.socket = socket;
    }

    @Override
    public Integer call() {
        ListNodesRequest.Builder request = ListNodesRequest.newBuilder();
        if (nodes != null) {
            request.addAllNodeIds(nodes.ids());
        }
        ListNodesReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = daemon.call(ClusterAdminGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    admin -> admin.listNodes(request.build()));
        }
        List<NodeInfo> shown = reply.getNodesList().stream()
                .filter(node -> nodes == null || nodes.contains(node.getNodeId()))
                .sorted(Comparator.comparingInt(NodeInfo::getNodeId))
                .toList();
        if (json) {
            invocation.out().println(ProtoJson.print(ListNodesReply.newBuilder().addAllNodes(shown)));
        } else {
            NodeStatusLines.format(shown, verbose).forEach(invocation.out()::println);
        }
        return ExitCode.OK;
    }
}
