package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.AttachRequest;
import org.linuxssi.api.v1.FeedReply;
import org.linuxssi.api.v1.ListProcessesReply;
import org.linuxssi.api.v1.ListProcessesRequest;
import org.linuxssi.api.v1.NodeAgentGrpc;
import org.linuxssi.api.v1.RunInput;
import org.linuxssi.api.v1.RunOutput;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.api.v1.SignalResult;
import org.linuxssi.node.agent.ExitMonitor;
import org.linuxssi.node.agent.GroupSignals;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessList;
import org.linuxssi.node.agent.LocalProcessTable;
import org.linuxssi.node.agent.ProcessLauncher;
import org.linuxssi.node.agent.SpoolRelay;
import org.linuxssi.node.agent.StateDirWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent as other daemons reach it (TCP): launch a program here and relay it, re-attach to
 * one of this node's processes and feed its input again, signal them, list them. Callers are daemons, which filled in the
 * user's identity from the Unix socket's credentials.
 */
public final class NodeAgentService extends NodeAgentGrpc.NodeAgentImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgentService.class);

    private final LaunchStream.Agent agent;
    private final LocalProcessTable table;
    private final LocalProcessList list;

    NodeAgentService(LaunchStream.Agent agent, LocalProcessTable table, LocalProcessList list) {
        this.agent = agent;
        this.table = table;
        this.list = list;
    }

    /** The service over this node's agent parts. */
    public static NodeAgentService of(int nodeId, ProcessLauncher launcher, LocalProcessTable table,
                                      StateDirWatcher watcher, ExitMonitor monitor, LocalProcessList list) {
        return new NodeAgentService(new LaunchStream.Agent(nodeId, launcher, watcher, monitor), table, list);
    }

    @Override
    public StreamObserver<RunInput> launch(StreamObserver<RunOutput> responses) {
        return new LaunchStream(agent, (ServerCallStreamObserver<RunOutput>) responses);
    }

    @Override
    public void attach(AttachRequest request, StreamObserver<RunOutput> responses) {
        Optional<LocalProcess> process = table.get(request.getGpid());
        if (process.isEmpty()) {
            responses.onError(DaemonError.of(Status.Code.NOT_FOUND, "no process " + request.getGpid() + " on node "
                    + agent.nodeId()));
            return;
        }
        ServerCallStreamObserver<RunOutput> out = (ServerCallStreamObserver<RunOutput>) responses;
        out.setOnReadyThreshold(SpoolRelay.IN_FLIGHT);
        // No acknowledgement is possible here: the spools stay until ExitMonitor.RETENTION has passed.
        SpoolRelay relay = new SpoolRelay(process.get(), agent.watcher(), out, request.getStdoutOffset(), request.getStderrOffset(),
                Optional.empty(), out::onCompleted);
        out.setOnReadyHandler(relay::wake);
        out.setOnCancelHandler(relay::cancel);
        LOG.info("re-attached to process {} at stdout {} / stderr {}", request.getGpid(), request.getStdoutOffset(),
                request.getStderrOffset());
        relay.start();
    }

    @Override
    public StreamObserver<RunInput> feed(StreamObserver<FeedReply> reply) {
        return new FeedStream(table, agent.nodeId(), (ServerCallStreamObserver<FeedReply>) reply);
    }

    @Override
    public void signalLocal(SignalRequest request, StreamObserver<SignalReply> reply) {
        if (request.getSignal() < 0 || request.getSignal() > GroupSignals.MAX_SIGNAL) {
            reply.onError(DaemonError.invalidArgument("signal " + request.getSignal()
                    + " is not a signal number (allowed: 0 to " + GroupSignals.MAX_SIGNAL + ")"));
            return;
        }
        SignalReply.Builder results = SignalReply.newBuilder();
        for (long gpid : request.getGpidsList()) {
            results.addResults(SignalResult.newBuilder().setGpid(gpid).setError(signal(gpid, request)));
        }
        reply.onNext(results.build());
        reply.onCompleted();
    }

    /** Empty when delivered, else why not. */
    private String signal(long gpid, SignalRequest request) {
        Optional<LocalProcess> process = table.get(gpid).filter(LocalProcess::isRunning);
        if (process.isEmpty()) {
            return "no such process";
        }
        if (request.getUid() != 0 && request.getUid() != process.get().record().uid()) {
            return "not permitted (owned by " + process.get().record().user() + ")";
        }
        try {
            process.get().signal(request.getSignal());
            LOG.info("signal {} sent to process {} for uid {}", request.getSignal(), gpid, request.getUid());
            return "";
        } catch (IOException e) {
            return e.getMessage().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public void listLocal(ListProcessesRequest request, StreamObserver<ListProcessesReply> reply) {
        reply.onNext(ListProcessesReply.newBuilder().addAllProcesses(list.list(request)).build());
        reply.onCompleted();
    }
}
