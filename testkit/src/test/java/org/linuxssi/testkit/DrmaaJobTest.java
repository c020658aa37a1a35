package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.junit.jupiter.api.Assumptions;
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

    @Test
    void aJobKilledBySignalReportsItAndWhetherItDumpedCore() throws Exception {
        Assumptions.assumeTrue(coreDumpsPossible(), "CANNOT RUN the core dump check here: "
                + "/proc/sys/kernel/core_pattern is empty or the hard core size limit is 0");
        Path work = Files.createDirectories(dir.resolve("cores"));
        JobTemplate dumps = template("sh", "-c", "ulimit -c unlimited; kill -SEGV $$");
        dumps.setWorkingDirectory(work.toString());
        JobTemplate noCore = template("sh", "-c", "ulimit -c 0; kill -SEGV $$");
        noCore.setWorkingDirectory(work.toString());

        JobInfo dumped = session.wait(session.runJob(dumps), Session.TIMEOUT_WAIT_FOREVER);
        JobInfo notDumped = session.wait(session.runJob(noCore), Session.TIMEOUT_WAIT_FOREVER);

        assertThat(dumped.hasSignaled()).isTrue();
        assertThat(dumped.getTerminatingSignal()).isEqualTo("SIGSEGV");
        assertThat(dumped.hasCoreDump()).isTrue();
        assertThat(dumped.hasExited()).isFalse();
        assertThat(notDumped.hasSignaled()).isTrue();
        assertThat(notDumped.getTerminatingSignal()).isEqualTo("SIGSEGV");
        assertThat(notDumped.hasCoreDump()).isFalse();
        if (!Files.readString(Path.of("/proc/sys/kernel/core_pattern")).startsWith("|")) {
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("core"));
            }
        }
    }

    /** The kernel writes cores (a pattern is set) and the daemons may raise their soft size limit. */
    private static boolean coreDumpsPossible() throws IOException {
        String pattern = Files.readString(Path.of("/proc/sys/kernel/core_pattern")).strip();
        boolean hardLimitZero = Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max core file size"))
                .anyMatch(l -> l.substring("Max core file size".length()).trim().split("\\s+")[1].equals("0"));
        return !pattern.isEmpty() && !hardLimitZero;
    }
}
