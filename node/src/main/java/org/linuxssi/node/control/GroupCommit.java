package org.linuxssi.node.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.CommandBatch;
import org.linuxssi.api.v1.state.CommandResult;

/**
 * Commits the commands of many threads together: one Raft round trip at a time per node, and the
 * commands proposed meanwhile go as one {@link CommandBatch} in the next. A lone command goes alone,
 * so an idle node waits no longer than before; a busy one (a burst of job starts, of exits) pays
 * one log write for a whole burst instead of one each. Each caller gets its own command's result,
 * and returns only once its command is committed, as with {@link ControlPlane#submit}.
 */
public final class GroupCommit {

    /** Most commands in one entry: keeps a log entry well under Ratis' message size limits. */
    private static final int MAX_BATCH = 512;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Pending> queue = new ArrayList<>();
    private final Proposer proposer;
    private final Duration commitTimeout;
    private boolean committing;

    private record Pending(ClusterCommand command, CompletableFuture<CommandResult> result) {
    }

    /** One commit of a command through Raft; a refusal is in its result, not an exception. */
    interface Proposer {
        CommandResult propose(ClusterCommand command, Duration timeout) throws NoQuorumException;
    }

    /** @param commitTimeout the bound of each commit of a batch */
    GroupCommit(Proposer proposer, Duration commitTimeout) {
        this.proposer = proposer;
        this.commitTimeout = commitTimeout;
    }

    /**
     * Commits {@code command} with whatever else is proposed meanwhile.
     *
     * @throws CommandRefusedException the state machine refused this command (the others are unaffected)
     */
    public CommandResult submit(ClusterCommand command, Duration timeout)
            throws NoQuorumException, CommandRefusedException {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        // Stamped now: the time a command carries is when it was proposed, batched or not.
        Pending pending = new Pending(command.toBuilder().setTimeMs(System.currentTimeMillis()).build(), result);
        boolean start;
        lock.lock();
        try {
            queue.add(pending);
            start = !committing;
            committing = true;
        } finally {
            lock.unlock();
        }
        if (start) {
            Thread.ofVirtual().name("group-commit").start(this::commitAll);
        }
        try {
            CommandResult answer = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!answer.getError().isEmpty()) {
                throw new CommandRefusedException(answer.getError());
            }
            return answer;
        } catch (TimeoutException e) {
            throw new NoQuorumException("the cluster state did not commit within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NoQuorumException noQuorum) {
                throw noQuorum;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoQuorumException("interrupted while committing");
        }
    }

    /** Commits what is queued, batch after batch, until nothing is. */
    private void commitAll() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    committing = false;
                    return;
                }
                int n = Math.min(queue.size(), MAX_BATCH);
                batch = new ArrayList<>(queue.subList(0, n));
                queue.subList(0, n).clear();
            } finally {
                lock.unlock();
            }
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        try {
            if (batch.size() == 1) {
                batch.getFirst().result().complete(proposer.propose(batch.getFirst().command(), commitTimeout));
                return;
            }
            CommandBatch.Builder commands = CommandBatch.newBuilder();
            batch.forEach(p -> commands.addCommands(p.command()));
            CommandResult results = proposer.propose(ClusterCommand.newBuilder().setBatch(commands).build(),
                    commitTimeout);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(i < results.getResultsCount() ? results.getResults(i)
                        : CommandResult.newBuilder().setError("no result for this command in its batch").build());
            }
        } catch (NoQuorumException | RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }
}
