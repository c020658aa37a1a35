package org.linuxssi.node.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.NodeInfo;
import org.linuxssi.api.v1.NodeState;
import org.linuxssi.api.v1.state.ClusterSnapshot;
import org.linuxssi.node.control.NoQuorumException;

class NodeViewTest {

    private static ClusterSnapshot nodes(NodeState stateOfNode2) {
        return ClusterSnapshot.newBuilder()
                .addNodes(NodeInfo.newBuilder().setNodeId(1).setState(NodeState.ONLINE))
                .addNodes(NodeInfo.newBuilder().setNodeId(2).setState(stateOfNode2)).build();
    }

    /** A node table whose reads wait for {@code release}, counting them. */
    private static final class SlowTable implements NodeView.NodeTable {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();
        volatile ClusterSnapshot answer = nodes(NodeState.ONLINE);

        @Override
        public ClusterSnapshot readNodes() {
            reads.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        }
    }

    @Test
    void launchesThatNeedAFreshReadAtOnceShareOne() throws Exception {
        SlowTable table = new SlowTable();
        NodeView view = new NodeView(table, Duration.ofMinutes(1));
        ExecutorService launches = Executors.newFixedThreadPool(50);
        try {
            List<Future<Optional<NodeInfo>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(launches.submit(() -> view.online(2, state -> { })));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> table.reads.get() >= 1);
            table.release.countDown();
            for (Future<Optional<NodeInfo>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).map(NodeInfo::getNodeId).contains(2);
            }
            assertThat(table.reads.get()).as("reads of the node table for 50 launches at once").isEqualTo(1);
        } finally {
            launches.shutdownNow();
        }
    }

    @Test
    void launchesWhoseSharedReadFailedGetOneMoreSharedRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch joined = new CountDownLatch(1);
        NodeView.NodeTable table = () -> {
            if (reads.incrementAndGet() == 1) {
                try {
                    joined.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new NoQuorumException("the cluster state did not answer in time");
            }
            return nodes(NodeState.ONLINE);
        };
        NodeView view = new NodeView(table, Duration.ofMinutes(1));
        ExecutorService launches = Executors.newFixedThreadPool(20);
        try {
            List<Future<Optional<NodeInfo>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(launches.submit(() -> view.online(2, state -> { })));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() == 1);
            joined.countDown();
            int failed = 0;
            for (Future<Optional<NodeInfo>> answer : answers) {
                try {
                    assertThat(answer.get(30, TimeUnit.SECONDS)).map(NodeInfo::getNodeId).contains(2);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(NoQuorumException.class);
                    failed++;
                }
            }
            // Only the caller whose own read failed hears it; those that joined it read once more, together.
            assertThat(failed).isEqualTo(1);
            assertThat(reads.get()).isEqualTo(2);
        } finally {
            launches.shutdownNow();
        }
    }

    @Test
    void notOnlineIsConfirmedByAReadThatBeganAfterTheCallerAsked() throws Exception {
        SlowTable table = new SlowTable();
        table.answer = nodes(NodeState.DOWN);
        NodeView view = new NodeView(table, Duration.ofMinutes(1));
        ExecutorService launches = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<NodeInfo>> first = launches.submit(() -> view.online(2, state -> { }));
            await().atMost(Duration.ofSeconds(30)).until(() -> table.reads.get() == 1);
            Future<Optional<NodeInfo>> second = launches.submit(() -> view.online(2, state -> { }));
            table.release.countDown();
            // Whether the second caller joined the first read or came after it, "down" reached it through
            // a read of its own.
            assertThat(first.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(second.get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(table.reads.get()).isEqualTo(2);
        } finally {
            launches.shutdownNow();
        }
    }
}
