package org.linuxssi.tools.krgadm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.Resources;

/** Words node states the Kerrighed way ({@code 3:online}) and, verbosely, as an aligned table. */
final class NodeStatusLines {

    private static final int COLUMNS = 6;

    private NodeStatusLines() {
    }

    /** One line per node, in the given order; each line starts with {@code ID:STATE}. */
    static List<String> format(List<NodeInfo> nodes, boolean verbose) {
        if (!verbose) {
            return nodes.stream().map(NodeStatusLines::head).toList();
        }
        List<List<String>> rows = nodes.stream()
                .map(node -> List.of(head(node), node.getAddress(), cpus(node), memory(node), load(node), criu(node)))
                .toList();
        int[] widths = new int[COLUMNS];
        for (List<String> row : rows) {
            for (int column = 0; column < COLUMNS; column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < COLUMNS; column++) {
                line.append(row.get(column)).append(" ".repeat(widths[column] - row.get(column).length() + 1));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String head(NodeInfo node) {
        return node.getNodeId() + ":" + state(node.getState());
    }

    /** Kerrighed's lower-case state names. */
    static String state(NodeState state) {
        return switch (state) {
            case PRESENT -> "present";
            case ONLINE -> "online";
            case DOWN -> "down";
            case NODE_STATE_UNSPECIFIED, UNRECOGNIZED -> "unknown";
        };
    }

    private static String cpus(NodeInfo node) {
        return "cpus=" + (node.hasResources() ? Integer.toString(node.getResources().getCpus()) : "-");
    }

    private static String memory(NodeInfo node) {
        if (!node.hasResources()) {
            return "mem=-";
        }
        Resources resources = node.getResources();
        return "mem=" + resources.getMemTotalKb() / 1024 + "/" + resources.getMemFreeKb() / 1024 + "MB";
    }

    /** Last on the line: when criu is unusable the reason is a phrase, not a word. */
    private static String criu(NodeInfo node) {
        String criu = node.hasResources() ? node.getResources().getCriu() : "";
        return criu.isEmpty() ? "criu=-" : criu.startsWith("criu ") && !criu.contains(":")
                ? "criu=" + criu.substring("criu ".length()) : criu;
    }

    private static String load(NodeInfo node) {
        if (!node.hasResources()) {
            return "load=-";
        }
        Resources resources = node.getResources();
        return String.format(Locale.ROOT, "load=%.2f/%.2f/%.2f",
                resources.getLoad1(), resources.getLoad5(), resources.getLoad15());
    }
}
