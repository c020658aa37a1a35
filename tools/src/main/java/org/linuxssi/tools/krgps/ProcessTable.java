package org.linuxssi.tools.krgps;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.linuxssi.api.v1.ProcessInfo;

/** Lays processes out as ps does: a header, one line per process, numbers right-aligned, the last column unpadded. */
public final class ProcessTable {

    private ProcessTable() {
    }

    /** The header line followed by one line per process, in the given order. */
    public static List<String> format(List<ProcessInfo> processes, List<ProcessColumn> columns, Clock clock) {
        List<List<String>> rows = new ArrayList<>(processes.size() + 1);
        rows.add(columns.stream().map(ProcessColumn::header).toList());
        for (ProcessInfo process : processes) {
            rows.add(columns.stream().map(column -> column.text(process, clock)).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                if (i > 0) {
                    line.append(' ');
                }
                if (columns.get(i).rightAligned()) {
                    line.append(padding).append(cell);
                } else {
                    line.append(cell).append(i == widths.length - 1 ? "" : padding);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
