package org.linuxssi.testkit;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import com.google.protobuf.ByteString;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessSpec;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunRequest;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.api.v1.WindowSize;

/** A small client of the Processes service over one node's Unix socket, as krgrun/krgps/krgkill will be. */
final class ProcessClient implements AutoCloseable {

    static final List<String> ENV = List.of("PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C");

    private final ManagedChannel channel;

    ProcessClient(Path socket) {
        this.channel = GrpcEndpoints.unixChannel(socket, Component.tool("processclient"));
    }

    ProcessClient(LocalNode node) {
        this(node.socket());
    }

    /** Starts {@code argv} on {@code nodeId} (0: the scheduler chooses) in {@code cwd}. */
    RunHandle run(int nodeId, Path cwd, String... argv) {
        return run(nodeId, cwd, null, argv);
    }

    /** Like {@link #run(int, Path, String...)}, with every stdout chunk given to {@code stdout} instead of kept. */
    RunHandle run(int nodeId, Path cwd, Consumer<ByteString> stdout, String... argv) {
        RunRequest request = RunRequest.newBuilder()
                .setNodeId(nodeId)
                .setSpec(ProcessSpec.newBuilder().addAllArgv(List.of(argv)).addAllEnv(ENV).setCwd(cwd.toString()))
                .build();
        return RunHandle.start(ProcessesGrpc.newStub(channel), request, stdout);
    }

    /** Starts {@code argv} on a pseudo-terminal of {@code rows} × {@code cols}, as krgrun -t. */
    RunHandle runOnTerminal(int nodeId, Path cwd, int rows, int cols, String... argv) {
        RunRequest request = RunRequest.newBuilder()
                .setNodeId(nodeId)
                .setSpec(ProcessSpec.newBuilder().addAllArgv(List.of(argv)).addAllEnv(ENV).setCwd(cwd.toString())
                        .setPty(true).setWindow(WindowSize.newBuilder().setRows(rows).setCols(cols)))
                .build();
        return RunHandle.start(ProcessesGrpc.newStub(channel), request, null);
    }

    SignalReply signal(int signal, long... gpids) {
        SignalRequest.Builder request = SignalRequest.newBuilder().setSignal(signal);
        for (long gpid : gpids) {
            request.addGpids(gpid);
        }
        return ProcessesGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).signal(request.build());
    }

    ListProcessesReply list(ListProcessesRequest request) {
        return ProcessesGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).listProcesses(request);
    }

    ListProcessesReply list() {
        return list(ListProcessesRequest.getDefaultInstance());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
