package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.drmaa.LinuxSsiSession;

/**
 * DRMAA jobs run as the user at the other end of the socket, and a user reaches neither another
 * user's session nor their jobs. Needs root, like {@link ProcessIdentityTest}; skipped without.
 */
class DrmaaIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aJobRunsAsItsSubmitterWhoCannotTouchAnotherUsersSessionOrJobs() throws Exception {
        assumeTrue(OtherUser.canSwitch(), "needs root to create user " + OtherUser.NAME + " and connect as that user");
        OtherUser user = OtherUser.create(dir);
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));

        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("cluster")).nodes(2).start(Duration.ofSeconds(90))) {
            String socket = cluster.node(1).socket().toString();
            Session root = new LinuxSsiSession();
            root.init("linuxssi:@" + socket);
            JobTemplate held = root.createJobTemplate();
            held.setRemoteCommand("true");
            held.setJobSubmissionState(JobTemplate.HOLD_STATE);
            held.setWorkingDirectory("/tmp");
            String rootJob = root.runJob(held);
            try {
                Path uidFile = out.resolve("uid.out");
                assertThat(output(user, user.start(DrmaaClientMain.class, "job", socket, uidFile.toString())))
                        .isEqualTo("exit 0\n");
                assertThat(Files.readAllLines(uidFile)).first().isEqualTo(Integer.toString(user.uid()));
                assertThat(Files.getAttribute(uidFile, "unix:uid")).isEqualTo(user.uid());

                assertThat(output(user, user.start(DrmaaClientMain.class, "reopen", root.getContact())))
                        .isEqualTo("refused InvalidContactStringException\n");
                assertThat(output(user, user.start(DrmaaClientMain.class, "krgjob", socket, "cancel", rootJob)))
                        .isEqualTo("exit 1\nkrgjob: job " + rootJob + " belongs to root\n");
                assertThat(root.getJobProgramStatus(rootJob)).isEqualTo(Session.USER_ON_HOLD);
            } finally {
                root.control(rootJob, Session.TERMINATE);
                root.exit();
            }
        }
    }

    private static String output(OtherUser user, Process client) throws Exception {
        assertThat(client.waitFor(120, TimeUnit.SECONDS)).as(user.describe(client)).isTrue();
        return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
