package org.linuxssi.tools.krgadm;

import java.time.Duration;
import org.linuxssi.api.v1.ChangeNodesRequest;
import org.linuxssi.api.v1.NodeIdList;
import org.linuxssi.tools.NodeList;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of nodes add and nodes del: exactly one of --nodes, --count, --total, --all, and --wait. */
final class NodeSelection {

    static final String EXCLUSIVE = "Only one of --all, --count, --total or --nodes option is supported. Aborting.";
    // Kerrighed printed its help here; one line saying what is missing serves better.
    static final String MISSING = "One of --all, --count, --total or --nodes option is required. Aborting.";

    private static final int DAEMON_DEFAULT_WAIT_SECONDS = 60;
    // Time for the daemon to answer once its own wait for the nodes is over.
    private static final int ANSWER_MARGIN_SECONDS = 10;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = {"-n", "--nodes"}, paramLabel = "LIST", converter = NodeList.Converter.class,
            description = "List of nodes to add/del, e.g. 2,3,6-10,42-45.")
    private NodeList nodes;

    @Option(names = {"-c", "--count"}, paramLabel = "COUNT", description = "Number of nodes to add/del.")
    private Integer count;

    @Option(names = {"-t", "--total"}, paramLabel = "TOTAL", description = "Number of nodes in the resulting cluster.")
    private Integer total;

    @Option(names = {"-a", "--all"}, description = "Apply to all nodes.")
    private boolean all;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the daemon waits for nodes to be present (default: ${DEFAULT-VALUE}; "
                    + "0: the daemon's default).")
    private int waitSeconds;

    /** The request for the daemon. */
    ChangeNodesRequest request() {
        int given = (nodes != null ? 1 : 0) + (count != null ? 1 : 0) + (total != null ? 1 : 0) + (all ? 1 : 0);
        if (given > 1) {
            throw usage(EXCLUSIVE);
        }
        if (given == 0) {
            throw usage(MISSING);
        }
        if (waitSeconds < 0) {
            throw usage("Invalid value for option '--wait': " + waitSeconds
                    + " (expected seconds, 0 or more; 0 means the daemon's default)");
        }
        ChangeNodesRequest.Builder request = ChangeNodesRequest.newBuilder().setWaitSeconds(waitSeconds);
        if (nodes != null) {
            request.setNodes(NodeIdList.newBuilder().addAllNodeIds(nodes.ids()));
        } else if (count != null) {
            request.setCount(nodeCount("--count", count));
        } else if (total != null) {
            request.setTotal(nodeCount("--total", total));
        } else {
            request.setAll(true);
        }
        return request.build();
    }

    /** The call's deadline: the daemon's wait for nodes, plus time to answer. */
    Duration deadline() {
        int wait = waitSeconds == 0 ? DAEMON_DEFAULT_WAIT_SECONDS : waitSeconds;
        return Duration.ofSeconds((long) wait + ANSWER_MARGIN_SECONDS);
    }

    private int nodeCount(String option, int value) {
        if (value < NodeList.MIN_ID || value > NodeList.MAX_ID) {
            throw usage("Invalid value for option '" + option + "': " + value + " (expected a number of nodes from "
                    + NodeList.MIN_ID + " to " + NodeList.MAX_ID + ")");
        }
        return value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
