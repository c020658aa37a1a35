package org.linuxssi.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.ClusterAdminGrpc;
import org.linuxssi.api.v1.ClusterStatusReply;
import org.linuxssi.api.v1.ClusterStatusRequest;

/** The kernel's view of the caller (SO_PEERCRED) reaches a service behind the Unix socket. */
class CallerCredentialsTest {

    @Test
    void serviceSeesTheCallersPidUidAndGroups() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "lssi-cred");
        Path socket = dir.resolve("s.sock");
        ClusterAdminGrpc.ClusterAdminImplBase echo = new ClusterAdminGrpc.ClusterAdminImplBase() {
            @Override
            public void getClusterStatus(ClusterStatusRequest request, StreamObserver<ClusterStatusReply> reply) {
                CallerCredentials caller = CallerCredentials.current().orElseThrow();
                reply.onNext(ClusterStatusReply.newBuilder()
                        .setNodeId(caller.pid()).setSessionId(caller.uid()).setOnlineNodes(caller.groups().size())
                        .setReason(caller.groups().toString()).build());
                reply.onCompleted();
            }
        };
        Server server = GrpcEndpoints.unixServer(socket, Component.daemon(), () -> 1, List.of(echo));
        ManagedChannel channel = GrpcEndpoints.unixChannel(socket, Component.tool("test"));
        try {
            ClusterStatusReply reply = ClusterAdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getClusterStatus(ClusterStatusRequest.getDefaultInstance());
            assertThat((long) reply.getNodeId()).isEqualTo(ProcessHandle.current().pid());
            String status = Files.readString(Path.of("/proc/self/status"));
            String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
            assertThat(reply.getSessionId()).isEqualTo(Integer.parseInt(uid));
            assertThat(reply.getOnlineNodes()).isGreaterThanOrEqualTo(0);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
