package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ggf.drmaa.AlreadyActiveSessionException;
import org.ggf.drmaa.ExitTimeoutException;
import org.ggf.drmaa.HoldInconsistentStateException;
import org.ggf.drmaa.InternalException;
import org.ggf.drmaa.InvalidContactStringException;
import org.ggf.drmaa.InvalidJobException;
import org.ggf.drmaa.InvalidJobTemplateException;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.NoActiveSessionException;
import org.ggf.drmaa.ReleaseInconsistentStateException;
import org.ggf.drmaa.ResumeInconsistentStateException;
import org.ggf.drmaa.Session;
import org.ggf.drmaa.SessionFactory;
import org.ggf.drmaa.SuspendInconsistentStateException;
import org.ggf.drmaa.Version;
import org.junit.jupiter.api.Test;
import org.linuxssi.drmaa.LinuxSsiSession;
import org.linuxssi.drmaa.LinuxSsiSessionFactory;

/** Every Session method against a real cluster: life cycle, submission, control in each state, waiting. */
class DrmaaSessionTest extends DrmaaClusterTest {

    @Test
    void theFactoryFoundThroughTheServiceFileGivesALinuxSsiSession() {
        assertThat(SessionFactory.getFactory()).isInstanceOf(LinuxSsiSessionFactory.class);
        Session s = SessionFactory.getFactory().getSession();
        assertThat(s).isSameAs(SessionFactory.getFactory().getSession()).isInstanceOf(LinuxSsiSession.class);
    }

    @Test
    void informationCallsWorkBeforeInitAndNameTheSessionAfter() throws Exception {
        Session fresh = new LinuxSsiSession();
        assertThat(fresh.getContact()).isEqualTo("linuxssi:");
        assertThat(fresh.getVersion()).isEqualTo(new Version(1, 0));
        assertThat(fresh.getDrmSystem()).isEqualTo("LinuxSSI");
        assertThat(fresh.getDrmaaImplementation()).contains("LinuxSSI");
        assertThat(session.getContact()).matches("linuxssi:\\d+@" + cluster.node(1).socket());
    }

    @Test
    void everyOtherMethodNeedsAnOpenSession() throws Exception {
        Session closed = new LinuxSsiSession();
        assertThatThrownBy(closed::createJobTemplate).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(closed::exit).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.runJob(null)).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.runBulkJobs(null, 1, 2, 1)).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.control("1", Session.HOLD)).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.synchronize(List.of(Session.JOB_IDS_SESSION_ALL), 0, true))
                .isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.wait("1", 0)).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.getJobProgramStatus("1")).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(() -> closed.deleteJobTemplate(null)).isInstanceOf(NoActiveSessionException.class);

        Session s = open("");
        s.exit();
        assertThatThrownBy(s::exit).isInstanceOf(NoActiveSessionException.class);
        assertThatThrownBy(s::createJobTemplate).isInstanceOf(NoActiveSessionException.class);
    }

    @Test
    void aSecondInitAndBadContactsAreRefused() throws Exception {
        assertThatThrownBy(() -> session.init("")).isInstanceOf(AlreadyActiveSessionException.class);
        assertThatThrownBy(() -> new LinuxSsiSession().init("sge:1")).isInstanceOf(InvalidContactStringException.class)
                .hasMessageContaining("linuxssi:[SESSION][@SOCKET]");
        assertThatThrownBy(() -> new LinuxSsiSession().init("linuxssi:99999@" + cluster.node(1).socket()))
                .isInstanceOf(InvalidContactStringException.class).hasMessageContaining("no DRMAA session 99999");
    }

    @Test
    void aSessionReopenedByItsContactStringFindsItsJobsFromAnotherNode() throws Exception {
        JobTemplate jt = template("true");
        jt.setJobSubmissionState(JobTemplate.HOLD_STATE);
        String id = session.runJob(jt);
        String contact = session.getContact();
        session.exit();

        Session again = open(contact.replace(cluster.node(1).socket().toString(),
                cluster.node(3).socket().toString()));
        assertThat(again.getJobProgramStatus(id)).isEqualTo(Session.USER_ON_HOLD);
        again.control(id, Session.RELEASE);
        JobInfo info = again.wait(id, Session.TIMEOUT_WAIT_FOREVER);
        assertThat(info.getExitStatus()).isZero();
    }

    @Test
    void templatesAreTiedToTheirSessionAndCopiedAtSubmission() throws Exception {
        JobTemplate jt = template("sh", "-c", "exit 4");
        String id = session.runJob(jt);
        jt.setArgs(List.of("-c", "exit 5"));
        assertThat(session.wait(id, Session.TIMEOUT_WAIT_FOREVER).getExitStatus()).isEqualTo(4);

        Session other = open("");
        assertThatThrownBy(() -> other.runJob(jt)).isInstanceOf(InvalidJobTemplateException.class);
        assertThatThrownBy(() -> other.deleteJobTemplate(jt)).isInstanceOf(InvalidJobTemplateException.class);
        session.deleteJobTemplate(jt);
        assertThatThrownBy(() -> session.runJob(jt)).isInstanceOf(InvalidJobTemplateException.class);
        assertThatThrownBy(() -> session.runBulkJobs(jt, 1, 2, 1)).isInstanceOf(InvalidJobTemplateException.class);
    }

    @Test
    void bulkJobsGetConsecutiveIdsAndTheirIndexInPaths() throws Exception {
        JobTemplate jt = template("sh", "-c", "echo $LINUXSSI_JOB_INDEX");
        jt.setOutputPath(":" + dir.resolve("bulk.$drmaa_incr_ph$.out"));
        List<String> ids = session.runBulkJobs(jt, 2, 8, 3);

        assertThat(ids).hasSize(3);
        assertThat(Long.parseLong(ids.get(1))).isEqualTo(Long.parseLong(ids.get(0)) + 1);
        session.synchronize(ids, Session.TIMEOUT_WAIT_FOREVER, true);
        for (int index : List.of(2, 5, 8)) {
            assertThat(Files.readString(dir.resolve("bulk." + index + ".out"))).isEqualTo(index + "\n");
        }
        assertThatThrownBy(() -> session.runBulkJobs(jt, 0, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.runBulkJobs(jt, 3, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.runBulkJobs(jt, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void holdAndReleaseAQueuedJobAndTheInconsistentStates() throws Exception {
        JobTemplate jt = template("sleep", "30");
        jt.setJobSubmissionState(JobTemplate.HOLD_STATE);
        String held = session.runJob(jt);
        assertThat(session.getJobProgramStatus(held)).isEqualTo(Session.USER_ON_HOLD);
        assertThatThrownBy(() -> session.control(held, Session.SUSPEND))
                .isInstanceOf(SuspendInconsistentStateException.class);
        assertThatThrownBy(() -> session.control(held, Session.RESUME))
                .isInstanceOf(ResumeInconsistentStateException.class);

        session.control(held, Session.RELEASE);
        await().atMost(PATIENCE).until(() -> session.getJobProgramStatus(held) == Session.RUNNING);
        assertThatThrownBy(() -> session.control(held, Session.HOLD)).isInstanceOf(HoldInconsistentStateException.class);
        assertThatThrownBy(() -> session.control(held, Session.RELEASE))
                .isInstanceOf(ReleaseInconsistentStateException.class);
        assertThatThrownBy(() -> session.control(held, Session.RESUME))
                .isInstanceOf(ResumeInconsistentStateException.class);
    }

    @Test
    void aQueuedJobWaitingForItsStartTimeCanBeHeldReleasedAndTerminated() throws Exception {
        JobTemplate jt = template("true");
        org.ggf.drmaa.PartialTimestamp later = new org.ggf.drmaa.PartialTimestamp();
        later.setTimeInMillis(System.currentTimeMillis() + 3_600_000);
        jt.setStartTime(later);
        String id = session.runJob(jt);

        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.QUEUED_ACTIVE);
        session.control(id, Session.HOLD);
        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.USER_ON_HOLD);
        session.control(id, Session.RELEASE);
        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.QUEUED_ACTIVE);
        session.control(id, Session.TERMINATE);
        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.FAILED);
        JobInfo info = session.wait(id, Session.TIMEOUT_NO_WAIT);
        assertThat(info.wasAborted()).isTrue();
        assertThat(info.hasExited()).isFalse();
    }

    @Test
    void suspendResumeAndTerminateARunningJob() throws Exception {
        Path marks = dir.resolve("ticks");
        JobTemplate jt = template("sh", "-c", "while :; do echo x >> " + marks + "; sleep 0.1; done");
        String id = session.runJob(jt);
        await().atMost(PATIENCE).until(() -> session.getJobProgramStatus(id) == Session.RUNNING);
        await().atMost(PATIENCE).until(() -> Files.exists(marks) && Files.size(marks) > 0);

        session.control(id, Session.SUSPEND);
        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.USER_SUSPENDED);
        long stoppedAt = Files.size(marks);
        await().pollDelay(java.time.Duration.ofMillis(500)).atMost(PATIENCE)
                .until(() -> Files.size(marks) <= stoppedAt + 4);
        assertThat(Files.size(marks)).isLessThanOrEqualTo(stoppedAt + 4);
        assertThatThrownBy(() -> session.control(id, Session.SUSPEND))
                .isInstanceOf(SuspendInconsistentStateException.class);

        session.control(id, Session.RESUME);
        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.RUNNING);
        long resumedAt = Files.size(marks);
        await().atMost(PATIENCE).until(() -> Files.size(marks) > resumedAt + 4);

        session.control(id, Session.TERMINATE);
        JobInfo info = session.wait(id, Session.TIMEOUT_WAIT_FOREVER);
        assertThat(info.hasSignaled()).isTrue();
        assertThat(info.getTerminatingSignal()).isEqualTo("SIGKILL");
        assertThat(info.hasExited()).isFalse();
        assertThatThrownBy(info::getExitStatus).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void controlOfEveryJobOfTheSessionAndOfUnknownJobs() throws Exception {
        List<String> ids = session.runBulkJobs(template("sleep", "60"), 1, 3, 1);
        await().atMost(PATIENCE).until(() -> states(ids).stream().allMatch(s -> s == Session.RUNNING));
        session.control(Session.JOB_IDS_SESSION_ALL, Session.SUSPEND);
        assertThat(states(ids)).containsOnly(Session.USER_SUSPENDED);
        assertThatThrownBy(() -> session.control(Session.JOB_IDS_SESSION_ALL, Session.HOLD))
                .isInstanceOf(InternalException.class);
        session.control(Session.JOB_IDS_SESSION_ALL, Session.TERMINATE);
        session.synchronize(List.of(Session.JOB_IDS_SESSION_ALL), Session.TIMEOUT_WAIT_FOREVER, false);
        assertThat(states(ids)).containsOnly(Session.FAILED);

        assertThatThrownBy(() -> session.control("999999", Session.HOLD)).isInstanceOf(InvalidJobException.class);
        assertThatThrownBy(() -> session.control("x", Session.HOLD)).isInstanceOf(InvalidJobException.class);
        assertThatThrownBy(() -> session.control(ids.get(0), 17)).isInstanceOf(IllegalArgumentException.class);
        Session other = open("");
        assertThatThrownBy(() -> other.getJobProgramStatus(ids.get(0))).isInstanceOf(InvalidJobException.class);
    }

    @Test
    void waitWithNoWaitAFiniteTimeoutAndForever() throws Exception {
        String id = session.runJob(template("sleep", "60"));
        assertThatThrownBy(() -> session.wait(id, Session.TIMEOUT_NO_WAIT)).isInstanceOf(ExitTimeoutException.class);
        long before = System.nanoTime();
        assertThatThrownBy(() -> session.wait(id, 1)).isInstanceOf(ExitTimeoutException.class);
        assertThat((System.nanoTime() - before) / 1_000_000).isGreaterThanOrEqualTo(900L);

        session.control(id, Session.TERMINATE);
        JobInfo info = session.wait(id, Session.TIMEOUT_WAIT_FOREVER);
        assertThat(info.getTerminatingSignal()).isEqualTo("SIGKILL");
        assertThatThrownBy(() -> session.wait(id, 0)).as("reaped by wait").isInstanceOf(InvalidJobException.class);
        assertThatThrownBy(() -> session.getJobProgramStatus(id)).isInstanceOf(InvalidJobException.class);
        assertThatThrownBy(() -> session.control(id, Session.TERMINATE)).isInstanceOf(InvalidJobException.class);
        assertThatThrownBy(() -> session.wait(id, -7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitForAnyJobReturnsEachOnceThenSaysThereIsNone() throws Exception {
        List<String> ids = session.runBulkJobs(template("true"), 1, 3, 1);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(session.wait(Session.JOB_IDS_SESSION_ANY, Session.TIMEOUT_WAIT_FOREVER).getJobId());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThatThrownBy(() -> session.wait(Session.JOB_IDS_SESSION_ANY, 0)).isInstanceOf(InvalidJobException.class);
    }

    @Test
    void synchronizeWithAndWithoutDispose() throws Exception {
        List<String> kept = session.runBulkJobs(template("true"), 1, 2, 1);
        session.synchronize(kept, Session.TIMEOUT_WAIT_FOREVER, false);
        assertThat(states(kept)).containsOnly(Session.DONE);
        assertThat(session.wait(kept.get(0), 0).getExitStatus()).isZero();

        List<String> disposed = session.runBulkJobs(template("true"), 1, 2, 1);
        session.synchronize(disposed, Session.TIMEOUT_WAIT_FOREVER, true);
        assertThatThrownBy(() -> session.wait(disposed.get(0), 0)).isInstanceOf(InvalidJobException.class);

        String slow = session.runJob(template("sleep", "30"));
        assertThatThrownBy(() -> session.synchronize(List.of(slow), 1, true)).isInstanceOf(ExitTimeoutException.class);
        assertThatThrownBy(() -> session.synchronize(List.of("424242"), 0, true))
                .isInstanceOf(InvalidJobException.class);
    }

    @Test
    void aJobKilledByASignalReportsItsName() throws Exception {
        JobInfo info = session.wait(session.runJob(template("sh", "-c", "kill -TERM $$")),
                Session.TIMEOUT_WAIT_FOREVER);
        assertThat(info.hasSignaled()).isTrue();
        assertThat(info.getTerminatingSignal()).isEqualTo("SIGTERM");
        assertThat(info.hasCoreDump()).isFalse();
        assertThat(info.wasAborted()).isFalse();
        Map<String, String> usage = info.getResourceUsage();
        assertThat(usage).containsKeys("cpu", "mem", "wallclock", "exec_host");
        assertThat(Double.parseDouble(usage.get("end_time"))).isGreaterThanOrEqualTo(
                Double.parseDouble(usage.get("start_time")));
    }

    @Test
    void aProgramThatCannotRunFailsAsAborted() throws Exception {
        String missing = session.runJob(template("/no/such/program"));
        assertThat(session.wait(missing, Session.TIMEOUT_WAIT_FOREVER).wasAborted()).isTrue();

        JobTemplate jt = template("true");
        jt.setWorkingDirectory(dir.resolve("no-such-dir").toString());
        String id = session.runJob(jt);
        await().atMost(PATIENCE).until(() -> session.getJobProgramStatus(id) == Session.FAILED);
        JobInfo info = session.wait(id, 0);
        assertThat(info.wasAborted()).isTrue();
        assertThat(info.hasExited()).isFalse();
    }

    private List<Integer> states(List<String> ids) throws Exception {
        List<Integer> states = new ArrayList<>();
        for (String id : ids) {
            states.add(session.getJobProgramStatus(id));
        }
        return states;
    }
}
