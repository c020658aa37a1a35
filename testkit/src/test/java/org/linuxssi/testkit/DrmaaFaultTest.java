package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.drmaa.LinuxSsiSession;

/**
 * Jobs that are never lost: the Raft leader killed during a 1,000-job submission, the client's
 * daemon restarted under running jobs, the whole cluster stopped and started with queued and held
 * jobs, and a node lost under a running job (failed as aborted, or requeued when rerunnable).
 */
class DrmaaFaultTest {

    private static final Pattern LEADER = Pattern.compile("\"leader\": \"m-127_0_0_(\\d+)-");
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    LocalCluster cluster;
    private final List<Session> sessions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(3).heartbeat(Duration.ofMillis(300), Duration.ofSeconds(2))
                .start(Duration.ofSeconds(90));
    }

    @AfterEach
    void stop() {
        for (Session s : sessions) {
            try {
                s.exit();
            } catch (DrmaaException e) {
                // closed by the test
            }
        }
        cluster.close();
    }

    private Session open(int node, String session) throws DrmaaException {
        Session s = new LinuxSsiSession();
        s.init("linuxssi:" + session + "@" + cluster.node(node).socket());
        sessions.add(s);
        return s;
    }

    private int leader() {
        String json = ToolRun.krgadm(cluster.node(1), "cluster", "status", "--json").out();
        Matcher m = LEADER.matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** A job that appends its id to {@code runs}: the file says how often each job ran. */
    private JobTemplate recorder(Session session, Path runs, String nativeSpecification) throws DrmaaException {
        JobTemplate jt = session.createJobTemplate();
        jt.setRemoteCommand("sh");
        jt.setArgs(List.of("-c", "echo $LINUXSSI_JOB_ID >> " + runs));
        jt.setWorkingDirectory(dir.toString());
        jt.setNativeSpecification(nativeSpecification);
        return jt;
    }

    private static Map<String, Integer> runCounts(Path runs) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        if (Files.exists(runs)) {
            for (String line : Files.readAllLines(runs)) {
                counts.merge(line.strip(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void killingTheLeaderDuringAThousandJobSubmissionLosesAndRepeatsNoAcknowledgedJob() throws Exception {
        int leader = leader();
        int client = leader % 3 + 1;
        int other = 6 - leader - client;
        Session session = open(client, "");
        Path runs = dir.resolve("runs");
        JobTemplate onClient = recorder(session, runs, "-n " + client);
        JobTemplate onOther = recorder(session, runs, "-n " + other);

        List<String> acknowledged = new ArrayList<>();
        int refused = 0;
        for (int i = 0; acknowledged.size() < 1000; i++) {
            if (acknowledged.size() == 300 && cluster.node(leader).isRunning()) {
                cluster.node(leader).kill();
            }
            try {
                acknowledged.add(session.runJob(i % 2 == 0 ? onClient : onOther));
            } catch (DrmaaException e) {
                // Not acknowledged: the job may exist or not; it is not counted, and may run at most once.
                refused++;
            }
        }
        System.out.println("1000 jobs acknowledged, " + refused + " submissions refused during the fail-over");
        assertThat(cluster.node(leader).isRunning()).isFalse();

        session.synchronize(List.of(Session.JOB_IDS_SESSION_ALL), PATIENCE.toSeconds(), false);
        for (String id : acknowledged) {
            assertThat(session.getJobProgramStatus(id)).as("job " + id).isEqualTo(Session.DONE);
        }
        Map<String, Integer> counts = runCounts(runs);
        assertThat(acknowledged).allSatisfy(id -> assertThat(counts.get(id)).as("runs of job " + id).isEqualTo(1));
        assertThat(counts.values()).as("no job ran twice").allMatch(n -> n == 1);
    }

    @Test
    void restartingTheClientsDaemonWhileJobsRunLosesNothing() throws Exception {
        Session session = open(2, "");
        Path runs = dir.resolve("runs");
        // The jobs run until the daemon is back: all six are running at the restart, whatever the load.
        Path go = dir.resolve("go");
        List<String> ids = new ArrayList<>();
        for (int node : List.of(2, 3)) {
            JobTemplate jt = session.createJobTemplate();
            jt.setRemoteCommand("sh");
            jt.setArgs(List.of("-c", "while [ ! -e " + go + " ]; do sleep 0.1; done; echo $LINUXSSI_JOB_ID >> "
                    + runs));
            jt.setWorkingDirectory(dir.toString());
            jt.setNativeSpecification("-n " + node);
            ids.addAll(session.runBulkJobs(jt, 1, 3, 1));
        }
        await().atMost(PATIENCE).until(() -> states(session, ids).stream().allMatch(s -> s == Session.RUNNING));

        // Back within the loss grace: a daemon restart, not a lost node.
        cluster.node(2).kill();
        cluster.node(2).start();
        Files.createFile(go);

        List<String> finished = new ArrayList<>();
        for (String id : ids) {
            JobInfo info = session.wait(id, PATIENCE.toSeconds());
            assertThat(info.getExitStatus()).isZero();
            finished.add(info.getJobId());
        }
        assertThat(finished).containsExactlyElementsOf(ids);
        assertThat(runCounts(runs)).hasSize(6).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void queuedAndHeldJobsSurviveAStopAndStartOfTheWholeCluster() throws Exception {
        Session session = open(1, "");
        Path runs = dir.resolve("runs");
        JobTemplate held = recorder(session, runs, "");
        held.setJobSubmissionState(JobTemplate.HOLD_STATE);
        List<String> heldIds = session.runBulkJobs(held, 1, 3, 1);
        JobTemplate later = recorder(session, runs, "");
        org.ggf.drmaa.PartialTimestamp start = new org.ggf.drmaa.PartialTimestamp();
        start.setTimeInMillis(System.currentTimeMillis() + 3_600_000);
        later.setStartTime(start);
        List<String> queuedIds = session.runBulkJobs(later, 1, 2, 1);
        String contact = session.getContact();
        session.exit();

        cluster.stopAll();
        cluster.startAll();
        cluster.awaitAllOnline(Duration.ofSeconds(90));

        Session again = open(2, contact.substring("linuxssi:".length(), contact.indexOf('@')));
        assertThat(states(again, heldIds)).containsOnly(Session.USER_ON_HOLD);
        assertThat(states(again, queuedIds)).containsOnly(Session.QUEUED_ACTIVE);
        for (String id : heldIds) {
            again.control(id, Session.RELEASE);
        }
        for (String id : queuedIds) {
            again.control(id, Session.TERMINATE);
        }
        again.synchronize(List.of(Session.JOB_IDS_SESSION_ALL), PATIENCE.toSeconds(), false);
        assertThat(states(again, heldIds)).containsOnly(Session.DONE);
        assertThat(states(again, queuedIds)).containsOnly(Session.FAILED);
        assertThat(runCounts(runs)).containsOnlyKeys(heldIds).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aJobWhoseNodeIsLostFailsAsAbortedOrIsRequeuedWhenRerunnable() throws Exception {
        int lost = leader() % 3 + 1;
        int client = lost % 3 + 1;
        Session session = open(client, "");
        Path runs = dir.resolve("runs");
        JobTemplate pinned = session.createJobTemplate();
        pinned.setRemoteCommand("sleep");
        pinned.setArgs(List.of("600"));
        pinned.setWorkingDirectory(dir.toString());
        pinned.setNativeSpecification("-n " + lost);
        String aborted = session.runJob(pinned);
        JobTemplate rerunnable = session.createJobTemplate();
        rerunnable.setRemoteCommand("sh");
        rerunnable.setArgs(List.of("-c", "echo $LINUXSSI_JOB_ID >> " + runs + "; sleep 600"));
        rerunnable.setWorkingDirectory(dir.toString());
        rerunnable.setNativeSpecification("-n " + lost + " --rerunnable");
        String requeued = session.runJob(rerunnable);
        await().atMost(PATIENCE).until(() -> session.getJobProgramStatus(aborted) == Session.RUNNING
                && session.getJobProgramStatus(requeued) == Session.RUNNING && runCounts(runs).size() == 1);

        // The machine dies: its daemon and its programs.
        cluster.node(lost).kill();
        cluster.node(lost).killProcesses();

        JobInfo info = session.wait(aborted, PATIENCE.toSeconds());
        assertThat(info.wasAborted()).isTrue();
        assertThat(info.hasExited()).isFalse();
        await().atMost(PATIENCE).until(() -> session.getJobProgramStatus(requeued) == Session.QUEUED_ACTIVE);

        // Back again: the requeued job, pinned to that node, runs there once more, and only once at a time.
        cluster.node(lost).start();
        await().atMost(PATIENCE).until(() -> runCounts(runs).getOrDefault(requeued, 0) == 2
                && session.getJobProgramStatus(requeued) == Session.RUNNING);
        session.control(requeued, Session.TERMINATE);
        assertThat(session.wait(requeued, PATIENCE.toSeconds()).getTerminatingSignal()).isEqualTo("SIGKILL");
    }

    private static List<Integer> states(Session session, List<String> ids) throws DrmaaException {
        List<Integer> states = new ArrayList<>();
        for (String id : ids) {
            states.add(session.getJobProgramStatus(id));
        }
        return states;
    }
}
