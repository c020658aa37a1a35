package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ggf.drmaa.FileTransferMode;
import org.ggf.drmaa.InvalidAttributeFormatException;
import org.ggf.drmaa.InvalidAttributeValueException;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.PartialTimestamp;
import org.ggf.drmaa.Session;
import org.ggf.drmaa.UnsupportedAttributeException;
import org.junit.jupiter.api.Test;

/** Every JobTemplate attribute as a job on a real cluster sees it. */
class DrmaaTemplateTest extends DrmaaClusterTest {

    private JobInfo run(JobTemplate jt) throws Exception {
        return session.wait(session.runJob(jt), Session.TIMEOUT_WAIT_FOREVER);
    }

    @Test
    void argsEnvironmentAndWorkingDirectory() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        JobTemplate jt = template("sh", "-c", "echo \"$1 $GREETING $(pwd)\"", "sh", "first arg");
        jt.setJobEnvironment(Map.of("GREETING", "hello", "PATH", "/usr/bin:/bin"));
        jt.setWorkingDirectory(work.toString());
        jt.setOutputPath(":$drmaa_wd_ph$/env.out");
        assertThat(run(jt).getExitStatus()).isZero();
        assertThat(Files.readString(work.resolve("env.out"))).isEqualTo("first arg hello " + work + "\n");
    }

    @Test
    void theWorkingDirectoryDefaultsToKrgDrmaaServerConfAndHomeIsThePlaceholder() throws Exception {
        JobTemplate jt = session.createJobTemplate();
        jt.setRemoteCommand("pwd");
        jt.setOutputPath(dir.resolve("default-wd.out").toString());
        assertThat(run(jt).getExitStatus()).isZero();
        assertThat(Files.readString(dir.resolve("default-wd.out"))).isEqualTo(defaultWorkingDirectory() + "\n");

        jt.setWorkingDirectory("$drmaa_hd_ph$");
        jt.setOutputPath(dir.resolve("home.out").toString());
        assertThat(run(jt).getExitStatus()).isZero();
        assertThat(Files.readString(dir.resolve("home.out")).strip())
                .isEqualTo(Path.of(System.getProperty("user.home")).toRealPath().toString());
    }

    @Test
    void inputOutputAndErrorFilesWithHostParts() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "from the input file\n");
        JobTemplate jt = template("sh", "-c", "cat; echo to-stderr >&2");
        jt.setInputPath("localhost:" + dir.resolve("in.txt"));
        jt.setOutputPath("127.0.0.1:" + dir.resolve("split.out"));
        jt.setErrorPath(":" + dir.resolve("split.err"));
        assertThat(jt.getJoinFiles()).isFalse();
        assertThat(run(jt).getExitStatus()).isZero();
        assertThat(Files.readString(dir.resolve("split.out"))).isEqualTo("from the input file\n");
        assertThat(Files.readString(dir.resolve("split.err"))).isEqualTo("to-stderr\n");
    }

    @Test
    void aMissingInputOrAnUnwritableOutputFailsTheJob() throws Exception {
        JobTemplate jt = template("true");
        jt.setInputPath(":" + dir.resolve("no-such-input"));
        JobInfo missing = run(jt);
        assertThat(missing.wasAborted()).isTrue();
        assertThat(missing.hasExited()).isFalse();

        JobTemplate out = template("true");
        out.setOutputPath(":" + dir.resolve("no-such-dir/out"));
        assertThat(run(out).wasAborted()).isTrue();
        assertThatThrownBy(() -> template("true").setOutputPath("relative/out"))
                .isInstanceOf(InvalidAttributeFormatException.class);
    }

    @Test
    void theHardTimeLimitsKillTheJob() throws Exception {
        JobTemplate jt = template("sleep", "60");
        jt.setHardWallclockTimeLimit(1);
        assertThat(jt.getHardWallclockTimeLimit()).isEqualTo(1);
        JobInfo killed = run(jt);
        assertThat(killed.hasSignaled()).isTrue();
        assertThat(killed.getTerminatingSignal()).isEqualTo("SIGKILL");
        assertThat(Double.parseDouble(killed.getResourceUsage().get("wallclock"))).isBetween(1.0, 30.0);

        JobTemplate run = template("sleep", "60");
        run.setHardRunDurationLimit(1);
        assertThat(run(run).getTerminatingSignal()).isEqualTo("SIGKILL");
        assertThatThrownBy(() -> run.setHardRunDurationLimit(-1)).isInstanceOf(InvalidAttributeValueException.class);
    }

    @Test
    void theStartTimeDelaysTheJob() throws Exception {
        long notBefore = System.currentTimeMillis() + 2_000;
        PartialTimestamp start = new PartialTimestamp();
        start.setTimeInMillis(notBefore);
        JobTemplate jt = template("true");
        jt.setStartTime(start);
        String id = session.runJob(jt);
        assertThat(session.getJobProgramStatus(id)).isEqualTo(Session.QUEUED_ACTIVE);
        JobInfo info = session.wait(id, Session.TIMEOUT_WAIT_FOREVER);
        assertThat(Double.parseDouble(info.getResourceUsage().get("start_time")) * 1000).isGreaterThanOrEqualTo(
                notBefore - 1000.0);
    }

    @Test
    void theNativeSpecificationPlacesTheJobAndRefusesUnknownOptions() throws Exception {
        JobTemplate jt = template("true");
        jt.setNativeSpecification("-n 3 --mem 1M --policy pack --rerunnable");
        assertThat(jt.getNativeSpecification()).isEqualTo("-n 3 --mem 1M --policy pack --rerunnable");
        assertThat(run(jt).getResourceUsage().get("exec_host")).startsWith("127.0.0.3");

        assertThatThrownBy(() -> jt.setNativeSpecification("-n 2 --queue fast"))
                .isInstanceOf(InvalidAttributeFormatException.class).hasMessageContaining("unknown option '--queue'");
        assertThatThrownBy(() -> jt.setNativeSpecification("--mem lots"))
                .isInstanceOf(InvalidAttributeFormatException.class).hasMessageContaining("--mem 'lots'");
        assertThatThrownBy(() -> jt.setNativeSpecification("-n"))
                .isInstanceOf(InvalidAttributeFormatException.class).hasMessageContaining("-n needs a value");
        jt.setNativeSpecification("--policy fastest");
        assertThatThrownBy(() -> session.runJob(jt)).isInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("unknown policy 'fastest'");
    }

    @Test
    void nameCategoryAndMailAreKeptAndTheOptionalAttributesSaySoWhenUnsupported() throws Exception {
        JobTemplate jt = template("true");
        jt.setJobName("a-name-longer-than-thirty-one-characters");
        jt.setJobCategory("batch");
        jt.setEmail(Set.of("alice@example.org"));
        jt.setBlockEmail(true);
        assertThat(jt.getJobName()).isEqualTo("a-name-longer-than-thirty-one-characters");
        assertThat(jt.getJobCategory()).isEqualTo("batch");
        assertThat(jt.getEmail()).containsExactly("alice@example.org");
        assertThat(jt.getBlockEmail()).isTrue();
        assertThat(run(jt).getExitStatus()).isZero();

        assertThat(jt.getAttributeNames()).contains("remoteCommand", "hardWallclockTimeLimit", "hardRunDurationLimit")
                .doesNotContain("softWallclockTimeLimit", "transferFiles", "deadlineTime");
        assertThatThrownBy(() -> jt.setSoftWallclockTimeLimit(1)).isInstanceOf(UnsupportedAttributeException.class);
        assertThatThrownBy(jt::getSoftRunDurationLimit).isInstanceOf(UnsupportedAttributeException.class);
        assertThatThrownBy(() -> jt.setTransferFiles(new FileTransferMode()))
                .isInstanceOf(UnsupportedAttributeException.class);
        assertThatThrownBy(() -> jt.setDeadlineTime(new PartialTimestamp()))
                .isInstanceOf(UnsupportedAttributeException.class);
    }

    @Test
    void aTemplateWithoutCommandIsRefused() throws Exception {
        JobTemplate jt = session.createJobTemplate();
        assertThatThrownBy(() -> session.runJob(jt)).isInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("remoteCommand");
    }

    @Test
    void emailReportsTheJobsEndUnlessBlocked() throws Exception {
        JobTemplate blocked = template("true");
        blocked.setEmail(Set.of("bob@example.org"));
        blocked.setBlockEmail(true);
        String blockedId = session.runJob(blocked);
        session.wait(blockedId, Session.TIMEOUT_WAIT_FOREVER);
        JobTemplate mailed = template("sh", "-c", "exit 4");
        mailed.setJobName("mailme");
        mailed.setEmail(Set.of("alice@example.org", "carol@example.org"));
        String id = session.runJob(mailed);
        session.wait(id, Session.TIMEOUT_WAIT_FOREVER);

        await().atMost(PATIENCE).until(() -> mails().stream().anyMatch(m -> m.contains("job " + id + " ")));
        String mail = mails().stream().filter(m -> m.contains("job " + id + " ")).findFirst().orElseThrow();
        assertThat(mail).startsWith("To: alice@example.org, carol@example.org\n")
                .contains("Subject: LinuxSSI job " + id + " (mailme) ended with exit status 4\n")
                .contains("Exit status: 4");
        assertThat(mails()).noneMatch(m -> m.contains("job " + blockedId + " "));

        JobTemplate bad = template("true");
        bad.setEmail(Set.of("alice@example.org\nBcc: eve@example.org"));
        assertThatThrownBy(() -> session.runJob(bad)).isInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("is not of the form user@host");
    }

    private static List<String> mails() throws IOException {
        try (Stream<Path> files = Files.list(mailbox())) {
            List<String> texts = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("mail.")).toList()) {
                texts.add(Files.readString(f));
            }
            return texts;
        }
    }
}
