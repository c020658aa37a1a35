package org.linuxssi.node.checkpoint;

import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CheckpointReply;
import org.linuxssi.api.v1.CheckpointRequest;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * checkpoint on the node that runs the application: freeze (SIGSTOP to its group), unfreeze
 * (SIGCONT), or save it with criu into the next version under the checkpoint directory, leaving it
 * running, or stopping it (-k) with its exit held back so that a restart continues it for its caller.
 */
public final class CheckpointSource {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSource.class);
    private static final int SIGSTOP = 19;
    private static final int SIGCONT = 18;

    private final int nodeId;
    private final LocalProcessTable table;
    private final CriuStatus criu;
    private final CheckpointStore store;

    public CheckpointSource(int nodeId, LocalProcessTable table, CriuStatus criu, CheckpointStore store) {
        this.nodeId = nodeId;
        this.table = table;
        this.criu = criu;
        this.store = store;
    }

    public CheckpointReply checkpoint(CheckpointRequest request) {
        long gpid = request.getGpid();
        LocalProcess process = table.get(gpid).filter(LocalProcess::isRunning)
                .filter(p -> p.move() == LocalProcess.Move.NONE)
                .orElseThrow(() -> DaemonError.of(Status.Code.NOT_FOUND, "no running process " + gpid + " on node "
                        + nodeId));
        try {
            switch (request.getAction()) {
                case FREEZE -> {
                    process.signal(SIGSTOP);
                    return CheckpointReply.newBuilder().setAppId(gpid).build();
                }
                case UNFREEZE -> {
                    process.signal(SIGCONT);
                    if (request.getSignal() != 0) {
                        process.signal(request.getSignal());
                    }
                    return CheckpointReply.newBuilder().setAppId(gpid).build();
                }
                default -> {
                    return save(process, request);
                }
            }
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.NOT_FOUND, "process " + gpid + " on node " + nodeId + ": "
                    + e.getMessage());
        }
    }

    private CheckpointReply save(LocalProcess process, CheckpointRequest request) throws IOException {
        long gpid = process.gpid();
        Criu binary = criu.criu().orElseThrow(() -> DaemonError.of(Status.Code.FAILED_PRECONDITION, "node " + nodeId
                + " cannot checkpoint processes: " + criu.summary()));
        if (process.record().pty()) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " cannot be checkpointed: it "
                    + "runs on a terminal (krgrun -t), which criu cannot save");
        }
        // -k stops the application so that restart continues it under its waiting caller; -kSIG is Kerrighed's:
        // save it frozen, send SIG, unfreeze, and the application does with SIG what it does.
        boolean signalled = request.getAction() == CheckpointRequest.Action.SAVE_AND_KILL && request.getSignal() != 0;
        boolean kill = request.getAction() == CheckpointRequest.Action.SAVE_AND_KILL && !signalled;
        if (signalled && (request.getSignal() < 1 || request.getSignal() > 64)) {
            throw DaemonError.of(Status.Code.INVALID_ARGUMENT, "signal " + request.getSignal()
                    + " is not a signal (1-64)");
        }
        RestoreHeader.Builder header = DumpedProcess.header(process);
        Path version;
        try {
            version = store.nextVersion(gpid);
        } catch (IOException e) {
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "cannot create a version of application " + gpid
                    + " under " + store.root() + " on node " + nodeId + ": " + e.getMessage());
        }
        List<String> args = new ArrayList<>(List.of("dump", "-t", Long.toString(process.childPid()), "-D",
                version.toString(), "--shell-job", "-o", "dump.log", "-v2"));
        if (!kill) {
            args.add("--leave-running");
        } else {
            process.beginMove();
        }
        // Kerrighed's default: freeze, save, unfreeze. Frozen, the program writes nothing between the
        // images and the spool sizes read below, so a restart continues its output exactly.
        boolean freeze = request.getAction() == CheckpointRequest.Action.SAVE || signalled;
        if (freeze) {
            process.signal(SIGSTOP);
        }
        Criu.Result dump = binary.run(args, 600);
        if (!dump.ok()) {
            if (kill) {
                process.moveAbandoned();
            }
            String why = CriuLog.firstError(version.resolve("dump.log")).orElse(dump.lastLine());
            FolderTrees.deleteQuietly(version);
            if (freeze) {
                process.signal(SIGCONT);
            }
            throw DaemonError.of(Status.Code.FAILED_PRECONDITION, "process " + gpid + " cannot be checkpointed: "
                    + "criu dump refused: " + why);
        }
        if (kill) {
            DumpedProcess.awaitReaped(process);
        }
        header.setStdoutSize(Files.size(process.dir().stdout())).setStderrSize(Files.size(process.dir().stderr()));
        if (signalled) {
            process.signal(request.getSignal());
        }
        if (freeze) {
            process.signal(SIGCONT);
        }
        Instant date = Instant.now();
        CheckpointStore.write(version, header.build(), request.getDescription(), date);
        int number = Integer.parseInt(version.getFileName().toString().substring(1));
        LOG.info("application {} checkpointed as version {} in {}{}", gpid, number, version,
                kill ? " and stopped" : signalled ? " and sent signal " + request.getSignal() : "");
        return CheckpointReply.newBuilder().setAppId(gpid).setVersion(number).setDescription(request.getDescription())
                .setDateMs(date.toEpochMilli()).setPath(version.toString()).build();
    }
}
