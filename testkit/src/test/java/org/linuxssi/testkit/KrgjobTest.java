package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** krgjob against a real cluster: submit, list, show, the control commands, wait, and bad input. */
class KrgjobTest extends DrmaaClusterTest {

    private ToolRun krgjob(String... args) {
        return ToolRun.krgjob(cluster.node(1), dir, args);
    }

    @Test
    void submitPrintsTheIdAndWaitExitsWithTheJobsStatus() throws Exception {
        ToolRun submit = krgjob("submit", "-n", "2", "-o", "krgjob.out", "--", "sh", "-c", "echo hi; echo err >&2; exit 3");
        assertThat(submit.code()).as(submit.toString()).isZero();
        String id = submit.out().strip();
        assertThat(id).matches("\\d+");

        ToolRun wait = krgjob("wait", id);
        assertThat(wait.code()).as(wait.toString()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("krgjob.out"))).isEqualTo("hi\nerr\n");
        ToolRun gone = krgjob("show", id);
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("krgjob: no job " + id + " (unknown, someone else's, or already waited for)\n");
    }

    @Test
    void heldJobsAreListedShownReleasedAndRun() throws Exception {
        String id = krgjob("submit", "--hold", "-J", "later", "true").out().strip();
        ToolRun list = krgjob("list");
        assertThat(list.out()).startsWith("   JOBID STATE     NODE USER       NAME         COMMAND\n")
                .containsPattern("(?m)^ +" + id + " held +- +\\S+ +later +true$");
        assertThat(krgjob("show", id).out()).contains("id: " + id + "\n", "state: held\n", "name: later\n",
                "command: true\n");

        assertThat(krgjob("release", id).code()).isZero();
        assertThat(krgjob("wait", id).code()).isZero();
        assertThat(krgjob("list", "--all").out()).doesNotContainPattern("(?m)^ +" + id + " ");
    }

    @Test
    void anArrayRunsOneJobPerIndex() throws Exception {
        ToolRun submit = krgjob("submit", "--array", "1-5:2", "-o", "arr.$drmaa_incr_ph$", "sh", "-c",
                "echo $LINUXSSI_JOB_INDEX");
        assertThat(submit.out()).matches("\\d+-\\d+\n");
        String[] range = submit.out().strip().split("-");
        for (long id = Long.parseLong(range[0]); id <= Long.parseLong(range[1]); id++) {
            assertThat(krgjob("wait", Long.toString(id)).code()).isZero();
        }
        assertThat(Files.readString(dir.resolve("arr.3"))).isEqualTo("3\n");
        assertThat(Files.readString(dir.resolve("arr.5"))).isEqualTo("5\n");
    }

    @Test
    void suspendResumeCancelAndTheirRefusals() {
        String id = krgjob("submit", "sleep", "60").out().strip();
        await().atMost(PATIENCE).until(() -> krgjob("show", id).out().contains("state: running\n"));
        ToolRun hold = krgjob("hold", id);
        assertThat(hold.code()).isEqualTo(1);
        assertThat(hold.err()).isEqualTo("krgjob: job " + id + " is running: only a queued job can be held\n");

        assertThat(krgjob("suspend", id).code()).isZero();
        assertThat(krgjob("show", id).out()).contains("state: suspended\n");
        assertThat(krgjob("resume", id).code()).isZero();
        assertThat(krgjob("cancel", id).code()).isZero();
        assertThat(krgjob("wait", id).code()).isEqualTo(137);
        assertThat(krgjob("cancel", "987654").err()).isEqualTo("krgjob: no job 987654\n");
    }

    @Test
    void badInputIsOneLineAndTheRightExitCode() {
        ToolRun noCommand = krgjob("submit");
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).startsWith("krgjob: Missing required parameter: 'CMD'");
        ToolRun badId = krgjob("hold", "abc");
        assertThat(badId.code()).isEqualTo(2);
        assertThat(badId.err()).contains("'abc' is not a job id");
        ToolRun badArray = krgjob("submit", "--array", "5-1", "true");
        assertThat(badArray.code()).isEqualTo(2);
        assertThat(badArray.err()).contains("'5-1' is not an array range");
        ToolRun noNode = krgjob("submit", "-n", "99", "true");
        assertThat(noNode.code()).isEqualTo(1);
        assertThat(noNode.err()).isEqualTo("krgjob: node 99 is not in the cluster (nodes: 1,2,3)\n");
        ToolRun badPolicy = krgjob("submit", "--policy", "fastest", "true");
        assertThat(badPolicy.code()).isEqualTo(1);
        assertThat(badPolicy.err()).isEqualTo(
                "krgjob: unknown policy 'fastest' (allowed: least_loaded, round_robin, pack)\n");
    }
}
