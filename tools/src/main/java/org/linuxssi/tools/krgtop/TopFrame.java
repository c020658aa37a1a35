package org.linuxssi.tools.krgtop;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.ProcessInfo;
import org.linuxssi.api.v1.Resources;
import org.linuxssi.tools.krgps.ProcessColumn;
import org.linuxssi.tools.krgps.ProcessTable;

/**
 * One screen of krgtop: the cluster's totals, one line per node, then the processes, busiest first.
 *
 * @param nodes     ClusterAdmin.ListNodes
 * @param processes Processes.ListProcesses
 */
record TopFrame(ListNodesReply nodes, ListProcessesReply processes) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final Comparator<ProcessInfo> BUSIEST_FIRST = Comparator
            .comparingDouble(ProcessInfo::getCpuPercent).reversed()
            .thenComparing(ProcessInfo::getGpid, Long::compareUnsigned);

    /** Every line of the frame, in order. */
    List<String> lines(Clock clock) {
        List<String> lines = new ArrayList<>();
        lines.add(totals(clock));
        nodes.getNodesList().stream().sorted(Comparator.comparingInt(NodeInfo::getNodeId))
                .map(TopFrame::nodeLine).forEach(lines::add);
        processes.getMissingNodesList().stream().sorted()
                .map(missing -> "node " + missing + ": did not answer; its processes are missing")
                .forEach(lines::add);
        lines.add("");
        List<ProcessInfo> busiestFirst = processes.getProcessesList().stream().sorted(BUSIEST_FIRST).toList();
        lines.addAll(ProcessTable.format(busiestFirst, ProcessColumn.DEFAULT, clock));
        return lines;
    }

    private String totals(Clock clock) {
        List<Resources> online = nodes.getNodesList().stream()
                .filter(node -> node.getState() == NodeState.ONLINE && node.hasResources())
                .map(NodeInfo::getResources).toList();
        long onlineNodes = nodes.getNodesList().stream().filter(node -> node.getState() == NodeState.ONLINE).count();
        long cpus = online.stream().mapToLong(Resources::getCpus).sum();
        long totalKb = online.stream().mapToLong(Resources::getMemTotalKb).sum();
        long freeKb = online.stream().mapToLong(Resources::getMemFreeKb).sum();
        return "krgtop - " + CLOCK.format(LocalTime.now(clock)) + ", " + onlineNodes + " nodes online, " + cpus
                + " CPUs, memory " + memory(totalKb, freeKb) + ", " + processes.getProcessesCount() + " processes";
    }

    private static String nodeLine(NodeInfo node) {
        String head = "node " + node.getNodeId() + ": " + state(node.getState());
        if (node.getState() != NodeState.ONLINE || !node.hasResources()) {
            return head;
        }
        Resources resources = node.getResources();
        return head + String.format(Locale.ROOT, ", %d CPUs, load %.2f %.2f %.2f, memory %s", resources.getCpus(),
                resources.getLoad1(), resources.getLoad5(), resources.getLoad15(),
                memory(resources.getMemTotalKb(), resources.getMemFreeKb()));
    }

    private static String memory(long totalKb, long freeKb) {
        return (totalKb - freeKb) / 1024 + "/" + totalKb / 1024 + " MB used";
    }

    private static String state(NodeState state) {
        return switch (state) {
            case PRESENT -> "present";
            case ONLINE -> "online";
            case DOWN -> "down";
            case NODE_STATE_UNSPECIFIED, UNRECOGNIZED -> "unknown";
        };
    }
}
