package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.node.space.ClusterProcessList;
import org.linuxssi.node.space.ClusterSignals;
import org.linuxssi.node.space.LaunchRelay;
import org.linuxssi.node.space.ProcessSpace;

/**
 * The process space as local tools see it (Unix socket): krgrun's Run, krgkill's Signal, krgps's
 * ListProcesses. Who calls is the kernel's answer (SO_PEERCRED), never the tool's.
 */
public final class ProcessesService extends ProcessesGrpc.ProcessesImplBase {

    private final ProcessSpace space;
    private final ClusterSignals signals;
    private final ClusterProcessList list;

    public ProcessesService(ProcessSpace space) {
        this.space = space;
        this.signals = new ClusterSignals(space);
        this.list = new ClusterProcessList(space);
    }

    @Override
    public StreamObserver<RunInput> run(StreamObserver<RunOutput> responses) {
        Optional<CallerCredentials> caller = CallerCredentials.current();
        if (caller.isEmpty()) {
            responses.onError(unknownCaller());
            return new StreamObserver<>() {
                @Override
                public void onNext(RunInput value) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
        return new LaunchRelay(space, caller.get(), (ServerCallStreamObserver<RunOutput>) responses);
    }

    @Override
    public void signal(SignalRequest request, StreamObserver<SignalReply> reply) {
        Optional<CallerCredentials> caller = CallerCredentials.current();
        if (caller.isEmpty()) {
            reply.onError(unknownCaller());
            return;
        }
        UnaryAnswer.answer(reply, "signal", () -> signals.signal(request, caller.get()));
    }

    @Override
    public void listProcesses(ListProcessesRequest request, StreamObserver<ListProcessesReply> reply) {
        UnaryAnswer.answer(reply, "process list", () -> list.list(request));
    }

    private static StatusRuntimeException unknownCaller() {
        return DaemonError.of(Status.Code.PERMISSION_DENIED, "the caller's identity is unknown: processes are "
                + "run and signalled through the daemon's Unix socket only");
    }
}
