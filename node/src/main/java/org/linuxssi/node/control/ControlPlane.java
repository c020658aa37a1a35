package org.linuxssi.node.control;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.Probe;
import org.linuxssi.api.v1.state.StateQuery;
import org.linuxssi.node.config.ManagerAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's access to the replicated cluster state: the Raft server when the node is a
 * manager, and a Raft client on every node. Every call is bounded in time, so a cluster
 * without quorum gives {@link NoQuorumException} instead of a hang.
 */
public final class ControlPlane implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    /** A read that follows a slow probe still gets this long. */
    private static final Duration MIN_READ_TIME = Duration.ofMillis(500);

    private final RaftGroupLayout layout;
    private final RaftServer server;
    private final RaftClient client;
    /** A read is trusted only while this node's own writes (its heartbeats) still commit. */
    private final Duration writeFreshness;
    private final GroupCommit grouped = new GroupCommit(this::propose, Duration.ofSeconds(6));
    private volatile long lastCommitNanos;
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raft-call");
        thread.setDaemon(true);
        return thread;
    });

    private ControlPlane(RaftGroupLayout layout, RaftServer server, RaftClient client, Duration writeFreshness) {
        this.layout = layout;
        this.server = server;
        this.client = client;
        this.writeFreshness = writeFreshness;
    }

    /**
     * Starts the Raft server (managers only) and the client.
     *
     * @param bindHost   address the Raft server listens on
     * @param stateDir      Raft storage goes under {@code stateDir/raft}
     * @param snapshotEvery  log entries between two snapshots
     * @param writeFreshness how recent this node's last committed write must be for a read to be
     *                       trusted: a leader that lost its majority may still answer reads for a while
     */
    public static ControlPlane start(RaftGroupLayout layout, String bindHost, Path stateDir, long snapshotEvery,
                                     Duration writeFreshness, ClusterStateMachine stateMachine) throws IOException {
        RaftServer server = null;
        if (layout.isManager()) {
            ManagerAddress me = layout.managers().stream()
                    .filter(m -> RaftGroupLayout.peerId(m).equals(layout.self().orElseThrow()))
                    .findFirst().orElseThrow();
            Path raftDir = stateDir.resolve("raft");
            Files.createDirectories(raftDir);
            boolean existing = Files.isDirectory(raftDir.resolve(layout.group().getGroupId().getUuid().toString()));
            RaftProperties properties = serverProperties(bindHost, me.raftPort(), raftDir, snapshotEvery);
            server = RaftServer.newBuilder()
                    .setServerId(layout.self().orElseThrow())
                    .setGroup(layout.group())
                    .setStateMachine(stateMachine)
                    .setProperties(properties)
                    .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
            if (existing) {
                checkStoredMembership(server, layout, raftDir);
            }
            LOG.info("Raft manager {} started on {}:{} ({} storage, group of {})", layout.self().get(), bindHost,
                    me.raftPort(), existing ? "recovered" : "new", layout.group().getPeers().size());
        }
        RaftProperties clientProperties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(clientProperties, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        RaftClient client = RaftClient.newBuilder()
                .setProperties(clientProperties)
                .setRaftGroup(layout.group())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(20,
                        TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build();
        return new ControlPlane(layout, server, client, writeFreshness);
    }

    /**
     * A manager names itself by its address: one whose address changed since its Raft storage was made
     * is not a member of the group that storage holds, and would wait for a quorum forever. Refused
     * with the way out instead; a managers list that differs from the stored group is only logged
     * (Raft keeps the stored membership).
     */
    private static void checkStoredMembership(RaftServer server, RaftGroupLayout layout, Path raftDir)
            throws IOException {
        RaftConfiguration stored = server.getDivision(layout.group().getGroupId()).getRaftConf();
        List<String> members = stored.getAllPeers().stream()
                .map(p -> p.getId() + " (" + p.getAddress() + ")").sorted().toList();
        RaftPeerId self = layout.self().orElseThrow();
        if (stored.getAllPeers().stream().noneMatch(p -> p.getId().equals(self))) {
            server.close();
            throw new ForeignRaftStorageException("the replicated state in " + raftDir + " belongs to the managers " + members
                    + ", and this manager is now " + self + ": give it back its old address and port in node.conf,"
                    + " or move " + raftDir + " away to start with an empty cluster state");
        }
        List<String> configured = layout.group().getPeers().stream()
                .map(p -> p.getId() + " (" + p.getAddress() + ")").sorted().toList();
        if (!configured.equals(members)) {
            LOG.warn("managers in node.conf {} differ from the Raft group stored in {} {}: the stored group is used",
                    configured, raftDir, members);
        }
    }

    private static RaftProperties serverProperties(String host, int port, Path raftDir, long snapshotEvery) {
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(properties, host);
        GrpcConfigKeys.Server.setPort(properties, port);
        // Wider than Ratis' defaults: a loaded 2-core machine with JVM pauses must not elect constantly.
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, TimeDuration.valueOf(800, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, TimeDuration.valueOf(1600, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, snapshotEvery);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, org.apache.ratis.util.SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setPreallocatedSize(properties, org.apache.ratis.util.SizeInBytes.valueOf("1MB"));
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        return properties;
    }

    /** Proposes a command and returns the state machine's result; a refusal is an exception. */
    public CommandResult submit(ClusterCommand command, Duration timeout) throws NoQuorumException,
            CommandRefusedException {
        CommandResult result = propose(command, timeout);
        if (!result.getError().isEmpty()) {
            throw new CommandRefusedException(result.getError());
        }
        return result;
    }

    /**
     * Like {@link #submit}, committed together with the other commands this node proposes meanwhile
     * ({@link GroupCommit}): for the frequent small writes of many threads (process starts and exits).
     */
    public CommandResult submitGrouped(ClusterCommand command, Duration timeout) throws NoQuorumException,
            CommandRefusedException {
        return grouped.submit(command, timeout);
    }

    /** One Raft commit of {@code command}, stamped with this node's clock; a refusal is in the result. */
    private CommandResult propose(ClusterCommand command, Duration timeout) throws NoQuorumException {
        ClusterCommand stamped = command.toBuilder().setTimeMs(System.currentTimeMillis()).build();
        Message message = Message.valueOf(ByteString.copyFrom(stamped.toByteArray()));
        RaftClientReply reply = call(() -> client.io().send(message), timeout, "change");
        lastCommitNanos = System.nanoTime();
        return parse(reply, CommandResult::parseFrom);
    }

    /**
     * A linearizable read of the whole cluster state. When none of this node's writes committed
     * recently (after a leader change, say), a probe write must commit first: a leader that lost
     * its majority can still answer reads for a while, but it cannot commit.
     */
    public ClusterSnapshot read(Duration timeout) throws NoQuorumException {
        return read(StateQuery.getDefaultInstance(), timeout);
    }

    /** A linearizable read of the part of the state {@code query} names. */
    public ClusterSnapshot read(StateQuery query, Duration timeout) throws NoQuorumException {
        return parse(readOnly(query, timeout), ClusterSnapshot::parseFrom);
    }

    /** A linearizable read of DRMAA jobs, with the same freshness rule as {@link #read}. */
    public ListJobsReply readJobs(ListJobsRequest request, Duration timeout) throws NoQuorumException {
        return parse(readOnly(StateQuery.newBuilder().setJobs(request).build(), timeout), ListJobsReply::parseFrom);
    }

    private RaftClientReply readOnly(StateQuery query, Duration timeout) throws NoQuorumException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastCommit = lastCommitNanos;
        if (lastCommit == 0 || System.nanoTime() - lastCommit > writeFreshness.toNanos()) {
            probe(timeout);
        }
        Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), MIN_READ_TIME.toNanos()));
        Message message = Message.valueOf(ByteString.copyFrom(query.toByteArray()));
        return call(() -> client.io().sendReadOnly(message), left, "read");
    }

    private void probe(Duration timeout) throws NoQuorumException {
        try {
            submit(ClusterCommand.newBuilder().setProbe(Probe.getDefaultInstance()).build(), timeout);
        } catch (CommandRefusedException e) {
            throw noQuorum("probe", e.getMessage());
        }
    }

    /** The current leader as this node's client last saw it, or "none". */
    public String leader() {
        RaftPeerId leader = client.getLeaderId();
        return leader == null ? "none" : leader.toString();
    }

    public RaftGroupLayout layout() {
        return layout;
    }

    private RaftClientReply call(IoCall call, Duration timeout, String what) throws NoQuorumException {
        CompletableFuture<RaftClientReply> future = CompletableFuture.supplyAsync(() -> {
            try {
                return call.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, calls);
        try {
            RaftClientReply reply = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!reply.isSuccess()) {
                throw noQuorum(what, String.valueOf(reply.getException()));
            }
            return reply;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw noQuorum(what, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw noQuorum(what, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw noQuorum(what, "interrupted");
        }
    }

    private NoQuorumException noQuorum(String what, String detail) {
        LOG.debug("cluster state {} failed: {}", what, detail);
        int managers = layout.managers().size();
        return new NoQuorumException("the cluster has no quorum: a majority of its " + managers + " manager"
                + (managers == 1 ? "" : "s") + " (" + layout.managers().stream().map(ManagerAddress::toString)
                .reduce((a, b) -> a + ", " + b).orElse("") + ") cannot be reached");
    }

    private static <T> T parse(RaftClientReply reply, Parser<T> parser) throws NoQuorumException {
        try {
            return parser.parse(reply.getMessage().getContent().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new NoQuorumException("unreadable answer from the cluster state: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("closing Raft client: {}", e.getMessage());
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("closing Raft server: {}", e.getMessage());
            }
        }
    }

    private interface IoCall {
        RaftClientReply run() throws IOException;
    }

    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }
}
