package org.linuxssi.tools;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;

/** linuxssid's Processes service as {@link FakeDaemon} serves it: canned lists and replies, scripted runs. */
public final class FakeProcesses extends ProcessesGrpc.ProcessesImplBase {

    public volatile ListProcessesReply processList = ListProcessesReply.getDefaultInstance();
    public volatile SignalReply signalReply = SignalReply.getDefaultInstance();
    /** When set, every ListProcesses and Signal call fails with it. */
    public volatile StatusRuntimeException failure;
    public final List<Object> requests = new CopyOnWriteArrayList<>();

    /** Makes the daemon's side of each Run call. */
    public volatile Supplier<FakeRun> runs = FakeRun.Scripted::new;
    /** Every Run call's daemon side, in the order the calls came. */
    public final List<FakeRun> runCalls = new CopyOnWriteArrayList<>();

    @Override
    public StreamObserver<org.linuxssi.api.v1.RunInput> run(StreamObserver<RunOutput> responses) {
        FakeRun run = runs.get();
        run.attach((ServerCallStreamObserver<RunOutput>) responses);
        runCalls.add(run);
        return run;
    }

    @Override
    public void signal(SignalRequest request, StreamObserver<SignalReply> answer) {
        reply(request, signalReply, answer);
    }

    @Override
    public void listProcesses(ListProcessesRequest request, StreamObserver<ListProcessesReply> answer) {
        reply(request, processList, answer);
    }

    /** The only Run call so far. */
    public FakeRun onlyRun() {
        if (runCalls.size() != 1) {
            throw new IllegalStateException(runCalls.size() + " Run calls, expected 1");
        }
        return runCalls.get(0);
    }

    private <R> void reply(Object request, R reply, StreamObserver<R> answer) {
        requests.add(request);
        StatusRuntimeException error = failure;
        if (error != null) {
            answer.onError(error);
            return;
        }
        answer.onNext(reply);
        answer.onCompleted();
    }
}
