package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CapabilitiesReply;
import org.linuxssi.api.v1.CapabilitiesRequest;
import org.linuxssi.api.v1.CheckpointReply;
import org.linuxssi.api.v1.CheckpointRequest;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.MigrateRequest;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.api.v1.RestartReply;
import org.linuxssi.api.v1.RestartRequest;
import org.linuxssi.api.v1.SetCapabilitiesRequest;
import org.linuxssi.node.checkpoint.CheckpointRestart;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.space.CapabilityAccess;
import org.linuxssi.node.space.CheckpointClient;
import org.linuxssi.node.space.MigrationClient;

/** krgcapset, migrate, checkpoint and restart as local tools see them, on the Unix socket. */
public final class MobilityService extends MobilityGrpc.MobilityImplBase {

    private final CapabilityAccess capabilities;
    private final MigrationClient migration;
    private final CheckpointClient checkpoints;
    private final CheckpointRestart restarts;

    public MobilityService(CapabilityAccess capabilities, MigrationClient migration, CheckpointClient checkpoints,
                           CheckpointRestart restarts) {
        this.capabilities = capabilities;
        this.migration = migration;
        this.checkpoints = checkpoints;
        this.restarts = restarts;
    }

    @Override
    public void checkpoint(CheckpointRequest request, StreamObserver<CheckpointReply> reply) {
        answer(reply, caller -> checkpoints.checkpoint(request, caller));
    }

    @Override
    public void restart(RestartRequest request, StreamObserver<RestartReply> reply) {
        answer(reply, caller -> restarts.restart(request, false, caller));
    }

    @Override
    public void migrate(MigrateRequest request, StreamObserver<MigrateReply> reply) {
        answer(reply, caller -> migration.migrate(request, caller));
    }

    @Override
    public void getCapabilities(CapabilitiesRequest request, StreamObserver<CapabilitiesReply> reply) {
        answer(reply, caller -> capabilities.get(request.getPid(), caller));
    }

    @Override
    public void setCapabilities(SetCapabilitiesRequest request, StreamObserver<CapabilitiesReply> reply) {
        answer(reply, caller -> capabilities.set(request.getPid(), request.getSets(), caller));
    }

    private static <T> void answer(StreamObserver<T> reply, Call<T> call) {
        Optional<CallerCredentials> caller = CallerCredentials.current();
        if (caller.isEmpty()) {
            reply.onError(DaemonError.of(Status.Code.PERMISSION_DENIED, "the caller's identity is unknown: "
                    + "capabilities are read and changed through the daemon's Unix socket only"));
            return;
        }
        UnaryAnswer.answer(reply, "a call from uid " + caller.get().uid(), () -> call.get(caller.get()));
    }

    private interface Call<T> {
        T get(CallerCredentials caller) throws NoQuorumException;
    }
}
