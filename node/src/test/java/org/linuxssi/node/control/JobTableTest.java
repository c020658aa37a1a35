package org.linuxssi.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.v1.ControlJobs;
import org.linuxssi.api.v1.ControlOutcome;
import org.linuxssi.api.v1.Dispatch;
import org.linuxssi.api.v1.DispatchJobs;
import org.linuxssi.api.v1.DrmaaCommand;
import org.linuxssi.api.v1.DrmaaResult;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.api.v1.JobState;
import org.linuxssi.api.v1.JobTemplate;
import org.linuxssi.api.v1.LaunchFailed;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.OpenSessionCommand;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.ReapJobs;
import org.linuxssi.api.v1.SubmitJobs;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.CommandResult;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.api.v1.state.ProcessExited;
import org.linuxssi.api.v1.state.ProcessStarted;

/** The job table's rules, through the cluster state as Raft applies them. */
class JobTableTest {

    private static final int UID = 1000;

    private final ClusterState state = new ClusterState(5000);

    private CommandResult drmaa(DrmaaCommand.Builder command) {
        return state.apply(ClusterCommand.newBuilder().setTimeMs(1000).setDrmaa(command).build());
    }

    private long session() {
        return drmaa(DrmaaCommand.newBuilder().setOpenSession(OpenSessionCommand.newBuilder().setUid(UID)))
                .getDrmaa().getSessionId();
    }

    private DrmaaResult submit(long session, JobTemplate.Builder template, int count) {
        SubmitJobs.Builder submit = SubmitJobs.newBuilder().setSessionId(session).setTemplate(template.setUid(UID));
        if (count > 1) {
            submit.setBulk(true).setStart(1).setEnd(count).setIncr(1);
        }
        return drmaa(DrmaaCommand.newBuilder().setSubmit(submit)).getDrmaa();
    }

    private Job job(long id) {
        return state.jobs().job(id).orElseThrow();
    }

    private void dispatch(long id, int node, int attempt) {
        drmaa(DrmaaCommand.newBuilder().setDispatch(DispatchJobs.newBuilder().addJobs(Dispatch.newBuilder()
                .setJobId(id).setNodeId(node).setAttempt(attempt))));
    }

    private CommandResult started(long id, int attempt, long gpid) {
        return state.apply(ClusterCommand.newBuilder().setProcessStarted(ProcessStarted.newBuilder().setEntry(
                ProcessEntry.newBuilder().setGpid(gpid).setNodeId(2).setDrmaaJobId(id).setDrmaaAttempt(attempt)
                        .setStartMs(2000))).build());
    }

    private void exited(long gpid, ProcessExit exit) {
        state.apply(ClusterCommand.newBuilder().setProcessExited(ProcessExited.newBuilder().setGpid(gpid)
                .setExit(exit)).build());
    }

    private List<JobControlOutcome> control(long session, JobAction action, Long... ids) {
        return drmaa(DrmaaCommand.newBuilder().setControl(ControlJobs.newBuilder().setSessionId(session)
                .addAllJobIds(List.of(ids)).setAction(action).setUid(UID))).getDrmaa().getControlList().stream()
                .map(r -> new JobControlOutcome(r.getJobId(), r.getOutcome())).toList();
    }

    private record JobControlOutcome(long id, ControlOutcome outcome) {
    }

    @Test
    void aBulkSubmissionIsOneTemplateAndConsecutiveQueuedJobsWithTheirIndexes() {
        long session = session();
        DrmaaResult result = submit(session, JobTemplate.newBuilder().addArgv("true"), 3);
        assertThat(result.getCount()).isEqualTo(3);
        assertThat(job(result.getFirstJobId() + 2).getIndex()).isEqualTo(3);
        assertThat(state.jobs().ready(1000, 10)).extracting(Job::getState).containsOnly(JobState.JOB_QUEUED);
        assertThat(state.snapshot().hasDrmaa()).as("reads of the cluster state leave the jobs out").isFalse();
        assertThat(state.durableSnapshot().getDrmaa().getTemplatesCount()).isEqualTo(1);
    }

    @Test
    void aJobRunsOnceItsProcessIsAnnouncedAndIsDoneWithItsExit() {
        long id = submit(session(), JobTemplate.newBuilder().addArgv("true"), 1).getFirstJobId();
        dispatch(id, 2, 1);
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_DISPATCHED);
        assertThat(started(id, 1, 20000042).getError()).isEmpty();
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_RUNNING);
        assertThat(started(id, 1, 20000043).getError()).as("a second launch of one attempt").isNotEmpty();

        exited(20000042, ProcessExit.newBuilder().setExitCode(3).setStatus(3).build());
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_DONE);
        assertThat(job(id).getExit().getExitCode()).isEqualTo(3);
        assertThat(job(id).getAborted()).isFalse();
    }

    @Test
    void theStartOfAJobsOwnProcessRecordedAgainChangesNothing() {
        // A target that restarted before it knew its start committed, or a commit that answered late, records it again.
        long id = submit(session(), JobTemplate.newBuilder().addArgv("true"), 1).getFirstJobId();
        dispatch(id, 2, 1);
        started(id, 1, 20000042);
        assertThat(started(id, 1, 20000042).getError()).isEmpty();
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_RUNNING);

        exited(20000042, ProcessExit.newBuilder().setStatus(0).build());
        assertThat(started(id, 1, 20000042).getError()).isEmpty();
        assertThat(job(id).getState()).as("a late start does not bring a done job back").isEqualTo(JobState.JOB_DONE);
        assertThat(state.snapshot().getProcessesList()).singleElement()
                .satisfies(p -> assertThat(p.getExited()).isTrue());
    }

    @Test
    void aLostNodeFailsAJobAsAbortedOrRequeuesItUnderANewAttempt() {
        long session = session();
        long plain = submit(session, JobTemplate.newBuilder().addArgv("true"), 1).getFirstJobId();
        long rerun = submit(session, JobTemplate.newBuilder().addArgv("true").setRerunnable(true), 1).getFirstJobId();
        for (long id : List.of(plain, rerun)) {
            dispatch(id, 2, 1);
            started(id, 1, 20000000 + id);
            drmaa(DrmaaCommand.newBuilder().setLaunchFailed(LaunchFailed.newBuilder().setJobId(id).setAttempt(1)
                    .setLost(true).setError("node 2 was lost")));
        }
        assertThat(job(plain).getState()).isEqualTo(JobState.JOB_FAILED);
        assertThat(job(plain).getAborted()).isTrue();
        assertThat(job(rerun).getState()).isEqualTo(JobState.JOB_QUEUED);

        exited(20000000 + rerun, ProcessExit.newBuilder().setStatus(0).build());
        assertThat(job(rerun).getState()).as("the old attempt's exit changes nothing").isEqualTo(JobState.JOB_QUEUED);
        dispatch(rerun, 3, 1);
        assertThat(job(rerun).getState()).as("a stale dispatch is ignored").isEqualTo(JobState.JOB_QUEUED);
        dispatch(rerun, 3, 2);
        assertThat(started(rerun, 1, 30000001).getError()).as("the old attempt may not start").isNotEmpty();
        assertThat(started(rerun, 2, 30000002).getError()).isEmpty();
    }

    @Test
    void controlActionsFollowTheStateAndNameTheRefusal() {
        long session = session();
        long id = submit(session, JobTemplate.newBuilder().addArgv("sleep").setHold(true), 1).getFirstJobId();
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_HELD);
        assertThat(control(session, JobAction.JOB_SUSPEND, id)).extracting(JobControlOutcome::outcome)
                .containsExactly(ControlOutcome.CONTROL_INCONSISTENT_STATE);
        control(session, JobAction.JOB_RELEASE, id);
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_QUEUED);
        dispatch(id, 2, 1);
        started(id, 1, 20000007);
        control(session, JobAction.JOB_SUSPEND, id);
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_SUSPENDED);
        control(session, JobAction.JOB_TERMINATE, id);
        exited(20000007, ProcessExit.newBuilder().setSignal(9).setSignalName("SIGKILL").setStatus(137).build());
        assertThat(job(id).getState()).isEqualTo(JobState.JOB_FAILED);
        assertThat(control(session, JobAction.JOB_HOLD, 4242L)).extracting(JobControlOutcome::outcome)
                .containsExactly(ControlOutcome.CONTROL_NO_SUCH_JOB);
        assertThat(control(session(), JobAction.JOB_HOLD, id)).extracting(JobControlOutcome::outcome)
                .as("another session's job").containsExactly(ControlOutcome.CONTROL_NO_SUCH_JOB);
    }

    @Test
    void reapingForgetsFinishedJobsAndTheLastOneTakesTheTemplate() {
        long session = session();
        long first = submit(session, JobTemplate.newBuilder().addArgv("true").setHold(true), 2).getFirstJobId();
        control(session, JobAction.JOB_TERMINATE, first, first + 1);
        drmaa(DrmaaCommand.newBuilder().setReap(ReapJobs.newBuilder().setSessionId(session).addJobIds(first)));
        assertThat(state.jobs().job(first)).isEmpty();
        assertThat(state.durableSnapshot().getDrmaa().getTemplatesCount()).isEqualTo(1);
        drmaa(DrmaaCommand.newBuilder().setReap(ReapJobs.newBuilder().setSessionId(session).addJobIds(first + 1)));
        assertThat(state.durableSnapshot().getDrmaa().getTemplatesCount()).isZero();
    }

    @Test
    void aRestoredSnapshotHasTheSameJobsAndGoesOnNumbering() {
        long session = session();
        long id = submit(session, JobTemplate.newBuilder().addArgv("true"), 1).getFirstJobId();
        dispatch(id, 2, 1);
        started(id, 1, 20000009);

        ClusterState restored = new ClusterState(5000);
        restored.restore(state.durableSnapshot());
        restored.apply(ClusterCommand.newBuilder().setProcessExited(ProcessExited.newBuilder().setGpid(20000009)
                .setExit(ProcessExit.newBuilder().setStatus(0))).build());
        assertThat(restored.jobs().job(id).orElseThrow().getState()).isEqualTo(JobState.JOB_DONE);
        assertThat(restored.queryJobs(ListJobsRequest.newBuilder().setSessionId(session).build()).getFinished())
                .isEqualTo(1);
        long next = restored.apply(ClusterCommand.newBuilder().setDrmaa(DrmaaCommand.newBuilder().setSubmit(
                SubmitJobs.newBuilder().setSessionId(session).setTemplate(JobTemplate.newBuilder().addArgv("true")
                        .setUid(UID)))).build()).getDrmaa().getFirstJobId();
        assertThat(next).isEqualTo(id + 1);
    }

    @Test
    void aSessionIsReopenedOnlyByItsOwner() {
        long session = session();
        CommandResult other = drmaa(DrmaaCommand.newBuilder().setOpenSession(OpenSessionCommand.newBuilder()
                .setSessionId(session).setUid(UID + 1)));
        assertThat(other.getError()).isEqualTo("DRMAA session " + session + " belongs to another user (uid 1000)");
        CommandResult mine = drmaa(DrmaaCommand.newBuilder().setOpenSession(OpenSessionCommand.newBuilder()
                .setSessionId(session).setUid(UID)));
        assertThat(mine.getDrmaa().getSessionId()).isEqualTo(session);
    }
}
