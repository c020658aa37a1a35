package org.linuxssi.node.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CheckpointReply;
import org.linuxssi.api.v1.CheckpointRequest;
import org.linuxssi.api.v1.MigrateLocalRequest;
import org.linuxssi.api.v1.MigrateReply;
import org.linuxssi.api.v1.MobilityAgentGrpc;
import org.linuxssi.api.v1.PagesReply;
import org.linuxssi.api.v1.PagesRequest;
import org.linuxssi.api.v1.ProcessMoved;
import org.linuxssi.api.v1.RestoreChunk;
import org.linuxssi.api.v1.RestoreHeader;
import org.linuxssi.api.v1.RestoreReply;
import org.linuxssi.node.agent.LaunchRefusedException;
import org.linuxssi.node.agent.LocalProcess;
import org.linuxssi.node.agent.LocalProcessTable;
import org.linuxssi.node.checkpoint.CheckpointSource;
import org.linuxssi.node.checkpoint.MigrationSource;
import org.linuxssi.node.checkpoint.PageReceiver;
import org.linuxssi.node.checkpoint.ProcessRestorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration and checkpoints between daemons: the source's MigrateLocal, the target's Restore (images
 * in, process out), CheckpointLocal on the node running an application, MovedAway after a restart.
 */
public final class MobilityAgentService extends MobilityAgentGrpc.MobilityAgentImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(MobilityAgentService.class);

    private final MigrationSource source;
    private final ProcessRestorer restorer;
    private final CheckpointSource checkpoints;
    private final LocalProcessTable table;
    private final PageReceiver pages;

    public MobilityAgentService(MigrationSource source, ProcessRestorer restorer, CheckpointSource checkpoints,
                                LocalProcessTable table, PageReceiver pages) {
        this.source = source;
        this.restorer = restorer;
        this.checkpoints = checkpoints;
        this.table = table;
        this.pages = pages;
    }

    @Override
    public void preparePages(PagesRequest request, StreamObserver<PagesReply> reply) {
        UnaryAnswer.answer(reply, "preparing the pages of process " + request.getGpid(),
                () -> pages.prepare(request.getGpid()));
    }

    @Override
    public void releasePages(PagesReply prepared, StreamObserver<RestoreReply> reply) {
        pages.release(prepared.getToken());
        reply.onNext(RestoreReply.getDefaultInstance());
        reply.onCompleted();
    }

    @Override
    public void checkpointLocal(CheckpointRequest request, StreamObserver<CheckpointReply> reply) {
        UnaryAnswer.answer(reply, "checkpoint of process " + request.getGpid(), () -> checkpoints.checkpoint(request));
    }

    /** A process stopped here by checkpoint -k was restarted elsewhere: its relays here may end. */
    @Override
    public void movedAway(ProcessMoved moved, StreamObserver<RestoreReply> reply) {
        table.get(moved.getGpid()).filter(p -> p.move() == LocalProcess.Move.MOVING)
                .ifPresent(p -> p.moved(moved.getNodeId()));
        reply.onNext(RestoreReply.getDefaultInstance());
        reply.onCompleted();
    }

    @Override
    public void migrateLocal(MigrateLocalRequest request, StreamObserver<MigrateReply> reply) {
        UnaryAnswer.answer(reply, "migration of process " + request.getGpid(), () -> source.migrate(request));
    }

    @Override
    public StreamObserver<RestoreChunk> restore(StreamObserver<RestoreReply> reply) {
        return new StreamObserver<>() {
            private Path dir;
            private RestoreHeader header;
            private String openName;
            private OutputStream open;
            private boolean failed;

            @Override
            public void onNext(RestoreChunk chunk) {
                if (failed) {
                    return;
                }
                try {
                    if (chunk.hasHeader()) {
                        header = chunk.getHeader();
                        dir = header.getPagesToken().isEmpty() ? restorer.newStateDir()
                                : pages.claim(header.getPagesToken());
                        return;
                    }
                    if (dir == null) {
                        throw new IOException("images came before the header");
                    }
                    String name = chunk.getImage().getName();
                    if (name.isEmpty() || name.contains("/") || name.startsWith(".")) {
                        throw new IOException("image name '" + name + "' is not a plain file name");
                    }
                    if (!name.equals(openName)) {
                        closeOpen();
                        open = Files.newOutputStream(restorer.images(dir).resolve(name), StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                        openName = name;
                    }
                    chunk.getImage().getData().writeTo(open);
                } catch (IOException e) {
                    failed = true;
                    discard();
                    reply.onError(DaemonError.of(Status.Code.INTERNAL, "cannot receive the images: " + e.getMessage()));
                }
            }

            @Override
            public void onError(Throwable t) {
                discard();
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                try {
                    closeOpen();
                    if (header == null) {
                        throw new IOException("no header");
                    }
                    long received = System.nanoTime();
                    LocalProcess process = restorer.restore(dir, header);
                    reply.onNext(RestoreReply.newBuilder().setLocalPid(process.childPid())
                            .setRestoreMs((System.nanoTime() - received) / 1_000_000).build());
                    reply.onCompleted();
                } catch (IOException e) {
                    discard();
                    reply.onError(DaemonError.of(Status.Code.INTERNAL, "cannot receive the images: " + e.getMessage()));
                } catch (LaunchRefusedException e) {
                    reply.onError(DaemonError.of(e.code(), e.getMessage()));
                }
            }

            private void closeOpen() throws IOException {
                if (open != null) {
                    open.close();
                    open = null;
                    openName = null;
                }
            }

            private void discard() {
                try {
                    closeOpen();
                } catch (IOException e) {
                    LOG.debug("closing an image: {}", e.getMessage());
                }
                if (dir != null) {
                    restorer.discard(dir);
                }
            }
        };
    }
}
