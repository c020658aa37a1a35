package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.junit.jupiter.api.Test;

/** One job through the whole path: submission, dispatch, the shepherd, its files, its exit and its usage. */
class DrmaaJobTest extends DrmaaClusterTest {

    @Test
    void aJobRunsWithItsOutputFileAndReportsItsExitAndUsage() throws Exception {
        Path out = dir.resolve("one.out");
        JobTemplate jt = template("sh", "-c", "echo hello; echo oops >&2; exit 3");
        jt.setOutputPath(":" + out);
        jt.setJoinFiles(true);

        String id = session.runJob(jt);
        JobInfo info = session.wait(id, Session.TIMEOUT_WAIT_FOREVER);

        assertThat(info.getJobId()).isEqualTo(id);
        assertThat(info.hasExited()).isTrue();
        assertThat(info.getExitStatus()).isEqualTo(3);
        assertThat(info.hasSignaled()).isFalse();
        assertThat(info.wasAborted()).isFalse();
        assertThat(Files.readString(out)).isEqualTo("hello\noops\n");
        assertThat(info.getResourceUsage()).containsKeys("cpu", "mem", "wallclock", "submission_time",
                "start_time", "end_time", "exec_host");
    }
}
