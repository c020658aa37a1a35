package org.linuxssi.node.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessInfo;

/**
 * This node's part of krgps: its running LinuxSSI processes, or with {@code all} every process in
 * /proc (those not started through LinuxSSI marked {@code managed = false}), as ps shows them.
 */
public final class LocalProcessList {

    private final int nodeId;
    private final LocalProcessTable table;
    private final ProcReader proc;
    private final UserNames users;

    public LocalProcessList(int nodeId, LocalProcessTable table, ProcReader proc, UserNames users) {
        this.nodeId = nodeId;
        this.table = table;
        this.proc = proc;
        this.users = users;
    }

    public List<ProcessInfo> list(ListProcessesRequest request) {
        Map<Long, LocalProcess> managed = new HashMap<>();
        for (LocalProcess process : table.running()) {
            managed.put(process.childPid(), process);
        }
        List<Long> pids = request.getAll() ? proc.pids() : managed.keySet().stream().sorted().toList();
        List<ProcessInfo> infos = new ArrayList<>();
        for (ProcReader.Sample sample : proc.read(pids)) {
            String user = users.nameOf(sample.uid());
            if (!request.getUser().isEmpty() && !request.getUser().equals(user)) {
                continue;
            }
            LocalProcess process = managed.get(sample.pid());
            infos.add(ProcessInfo.newBuilder()
                    .setGpid(process != null ? process.gpid() : GlobalPid.of(nodeId, sample.pid()))
                    .setNodeId(nodeId)
                    .setUid(sample.uid())
                    .setUser(user)
                    .setCpuPercent(sample.cpuPercent())
                    .setRssKb(sample.rssKb())
                    .setStat(sample.stat())
                    .setStartMs(sample.startMs())
                    .setCpuTimeMs(sample.cpuTimeMs())
                    .setCommand(sample.command())
                    .setManaged(process != null)
                    .setOriginNodeId(process != null ? process.record().originNodeId() : nodeId)
                    .build());
        }
        return infos;
    }
}
