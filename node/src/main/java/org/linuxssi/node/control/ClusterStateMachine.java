package org.linuxssi.node.control;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.StateQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratis glue around {@link ClusterState}: log entries are {@link ClusterCommand}s,
 * snapshots are one {@link ClusterSnapshot} file, an empty query returns the whole state but the job
 * table, a {@link StateQuery} reads part of it (nodes only, the job table).
 */
public final class ClusterStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStateMachine.class);

    private final ClusterState state;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Consumer<ClusterCommand> applied;
    private final Consumer<Boolean> leadership;
    private volatile RaftPeerId self;

    /**
     * @param applied    told of every command applied here (the heartbeat monitor watches arrivals)
     * @param leadership told true when this peer becomes leader, false when it stops being one
     */
    public ClusterStateMachine(ClusterState state, Consumer<ClusterCommand> applied, Consumer<Boolean> leadership) {
        this.state = state;
        this.applied = applied;
        this.leadership = leadership;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        self = server.getId();
        storage.init(raftStorage);
        load(storage.loadLatestSnapshot());
    }

    @Override
    public void reinitialize() throws IOException {
        load(storage.loadLatestSnapshot());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        ClusterCommand command;
        CommandResult result;
        try {
            command = ClusterCommand.parseFrom(entry.getStateMachineLogEntry().getLogData().toByteArray());
            result = state.apply(command);
        } catch (InvalidProtocolBufferException e) {
            command = null;
            result = CommandResult.newBuilder().setError("unreadable command: " + e.getMessage()).build();
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        if (command != null) {
            announce(command);
        }
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(result.toByteArray())));
    }

    /** Tells the listeners of each command applied, those of a batch one by one. */
    private void announce(ClusterCommand command) {
        if (command.getCommandCase() == ClusterCommand.CommandCase.BATCH) {
            command.getBatch().getCommandsList().forEach(this::announce);
        } else {
            applied.accept(command);
        }
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        StateQuery query;
        try {
            query = StateQuery.parseFrom(request.getContent().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.failedFuture(new IOException("unreadable state query: " + e.getMessage()));
        }
        byte[] answer = query.hasJobs() ? state.queryJobs(query.getJobs()).toByteArray()
                : state.view(query).toByteArray();
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(answer)));
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        Path temp = file.toPath().resolveSibling(file.getName() + ".tmp");
        Files.write(temp, state.durableSnapshot().toByteArray());
        Files.move(temp, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leadership.accept(newLeaderId != null && newLeaderId.equals(self));
    }

    private void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        Path file = snapshot.getFile().getPath();
        state.restore(ClusterSnapshot.parseFrom(Files.readAllBytes(file)));
        setLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("cluster state restored from snapshot {}", file.getFileName());
    }
}
