package org.linuxssi.tools.krgadm;

import java.io.PrintStream;
import java.util.function.BiFunction;
import org.linuxssi.api.v1.ChangeNodesReply;
import org.linuxssi.api.v1.ChangeNodesRequest;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.NodeList;
import org.linuxssi.tools.SocketOption;

/** Prints the outcome of nodes add/del as Kerrighed did: "Adding nodes [1,2,5]... done". */
final class NodeChangeReport {

    private NodeChangeReport() {
    }

    /**
     * @param action  "Adding nodes" or "Removing nodes"
     * @param nothing the line for an empty change, e.g. "No present node to add."
     * @return the exit code: failure when nothing changed and some nodes were refused
     */
    static int print(ChangeNodesReply reply, String action, String nothing, PrintStream out) {
        // Per-node remarks first, where Kerrighed printed them ("Unable to suppress node 4 (must be 'online').").
        reply.getNotesList().forEach(out::println);
        if (reply.getChangedCount() == 0) {
            out.println(nothing);
            // Nothing changed because nodes were refused: a script must see the refusal.
            return reply.getNotesCount() > 0 ? ExitCode.FAILURE : ExitCode.OK;
        }
        out.println(action + " " + NodeList.bracketed(reply.getChangedList()) + "... done");
        return ExitCode.OK;
    }

    /**
     * Sends one nodes add/del request built from the selection and prints its outcome.
     *
     * @param rpc the ClusterAdmin method: addNodes or removeNodes
     */
    static int change(Invocation invocation, SocketOption socket, NodeSelection selection,
                      BiFunction<ClusterAdminGrpc.ClusterAdminBlockingStub, ChangeNodesRequest, ChangeNodesReply> rpc,
                      String action, String nothing) {
        ChangeNodesRequest request = selection.request();
        try (DaemonConnection daemon = socket.connect(invocation)) {
            ChangeNodesReply reply = daemon.call(ClusterAdminGrpc::newBlockingStub, selection.deadline(),
                    admin -> rpc.apply(admin, request));
            return print(reply, action, nothing, invocation.out());
        }
    }
}
