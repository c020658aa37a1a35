package org.linuxssi.tools;

import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.linuxssi.api.Component;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.ChangeNodesReply;
import org.linuxssi.api.v1.ChangeNodesRequest;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.ClusterStatusRequest;
import org.linuxssi.api.v1.GetSchedulerRequest;
import org.linuxssi.api.v1.InitClusterReply;
import org.linuxssi.api.v1.InitClusterRequest;
import org.linuxssi.api.v1.ListNodesReply;
import org.linuxssi.api.v1.ListNodesRequest;
import org.linuxssi.api.v1.PowerReply;
import org.linuxssi.api.v1.PowerRequest;
import org.linuxssi.api.v1.SchedulerSettings;

/**
 * A stand-in for linuxssid's ClusterAdmin and Processes on a real Unix socket, for the CLI's own tests
 * only: it answers with canned replies (or one canned error) and records every request.
 */
public final class FakeDaemon implements AutoCloseable {

    public volatile ClusterStatusReply clusterStatus = ClusterStatusReply.getDefaultInstance();
    public volatile ListNodesReply nodes = ListNodesReply.getDefaultInstance();
    public volatile ChangeNodesReply changed = ChangeNodesReply.getDefaultInstance();
    public volatile InitClusterReply init = InitClusterReply.getDefaultInstance();
    /** GetScheduler's answer; SetScheduler answers it with the requested policy. */
    public volatile SchedulerSettings scheduler = SchedulerSettings.getDefaultInstance();
    /** The Processes service (krgrun, krgps, krgkill, krgtop). */
    public final FakeProcesses processes = new FakeProcesses();
    /** When set, every call fails with it. */
    public volatile StatusRuntimeException failure;
    public final List<Object> requests = new CopyOnWriteArrayList<>();

    private final Path dir;
    private final Path socket;
    private final Server server;

    public FakeDaemon() throws IOException {
        // Short, because a Unix socket path may not exceed 108 bytes.
        dir = Files.createTempDirectory(Path.of("/tmp"), "lssi-");
        socket = dir.resolve("ssi.sock");
        server = GrpcEndpoints.unixServer(socket, Component.daemon(), () -> 1, List.of(new Admin(), processes));
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    private final class Admin extends ClusterAdminGrpc.ClusterAdminImplBase {
        @Override
        public void getClusterStatus(ClusterStatusRequest request, StreamObserver<ClusterStatusReply> answer) {
            reply(request, clusterStatus, answer);
        }

        @Override
        public void listNodes(ListNodesRequest request, StreamObserver<ListNodesReply> answer) {
            reply(request, nodes, answer);
        }

        @Override
        public void addNodes(ChangeNodesRequest request, StreamObserver<ChangeNodesReply> answer) {
            reply(request, changed, answer);
        }

        @Override
        public void removeNodes(ChangeNodesRequest request, StreamObserver<ChangeNodesReply> answer) {
            reply(request, changed, answer);
        }

        @Override
        public void power(PowerRequest request, StreamObserver<PowerReply> answer) {
            reply(request, PowerReply.getDefaultInstance(), answer);
        }

        @Override
        public void initCluster(InitClusterRequest request, StreamObserver<InitClusterReply> answer) {
            reply(request, init, answer);
        }

        @Override
        public void getScheduler(GetSchedulerRequest request, StreamObserver<SchedulerSettings> answer) {
            reply(request, scheduler, answer);
        }

        @Override
        public void setScheduler(SchedulerSettings request, StreamObserver<SchedulerSettings> answer) {
            SchedulerSettings.Builder changed = scheduler.toBuilder();
            if (!request.getPolicy().isEmpty()) {
                changed.setPolicy(request.getPolicy());
            }
            if (request.getBalancerValue() != 0) {
                changed.setBalancer(request.getBalancer());
            }
            reply(request, changed.build(), answer);
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
}
