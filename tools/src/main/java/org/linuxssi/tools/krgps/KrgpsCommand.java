package org.linuxssi.tools.krgps;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessInfo;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.NodeIdConverter;
import org.linuxssi.tools.ProtoJson;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krgps}: the processes of the whole cluster, as ps prints those of one machine. */
@Command(name = KrgpsCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Lists the processes of every node of the cluster, sorted by global PID.",
                "Without -a only processes started through LinuxSSI are listed."},
        footer = {"%nColumns: gpid, node, user, pcpu (%%CPU), rss (KiB), stat, start, time (CPU), command.",
                "A node that does not answer in time is named on stderr; the others are listed.",
                "%nExit status: 0 success, 1 failure, 2 wrong command line."})
public final class KrgpsCommand implements Callable<Integer> {

    public static final String NAME = "krgps";

    private final Invocation invocation;
    private final LocalSide local;

    @Mixin
    private SocketOption socket;

    @Option(names = {"-a", "--all"}, description = "Every process of every node, not only LinuxSSI's.")
    private boolean all;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Only this user's processes.")
    private String user;

    @Option(names = {"-n", "--node"}, paramLabel = "NODE", converter = NodeIdConverter.class,
            description = "Only the processes running on this node (1-4094).")
    private Integer node;

    @Option(names = {"-o", "--format"}, paramLabel = "COLUMNS", converter = ProcessColumn.ChoiceConverter.class,
            description = "Comma-separated columns to print, e.g. gpid,user,command.")
    private ProcessColumn.Choice columns = new ProcessColumn.Choice(ProcessColumn.DEFAULT);

    @Option(names = "--json", description = "Print the daemon's reply as one JSON document.")
    private boolean json;

    private KrgpsCommand(Invocation invocation, LocalSide local) {
        this.invocation = invocation;
        this.local = local;
    }

    public static CommandLine commandLine(Invocation invocation, LocalSide local) {
        return new CommandLine(new KrgpsCommand(invocation, local));
    }

    @Override
    public Integer call() {
        ListProcessesRequest.Builder request = ListProcessesRequest.newBuilder().setAll(all);
        if (user != null) {
            request.setUser(user);
        }
        if (node != null) {
            request.setNodeId(node);
        }
        ListProcessesReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = daemon.call(ProcessesGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    processes -> processes.listProcesses(request.build()));
        }
        warnAboutMissingNodes(reply, invocation);
        if (json) {
            invocation.out().println(ProtoJson.print(reply));
            return ExitCode.OK;
        }
        List<ProcessInfo> processes = reply.getProcessesList().stream()
                .sorted(Comparator.comparing(ProcessInfo::getGpid, Long::compareUnsigned))
                .toList();
        ProcessTable.format(processes, columns.columns(), local.clock()).forEach(invocation.out()::println);
        return ExitCode.OK;
    }

    /** One line per node that did not answer: "krgps: node 3 did not answer". */
    public static void warnAboutMissingNodes(ListProcessesReply reply, Invocation invocation) {
        reply.getMissingNodesList().stream().sorted()
                .forEach(node -> invocation.err().println(invocation.tool() + ": node " + node + " did not answer"));
    }
}
