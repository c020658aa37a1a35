package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SimpleJobTemplateTest {
    private final SimpleJobTemplate jt = new SimpleJobTemplate();

    @Test
    void startsWithEveryPropertyAtItsDefault() throws DrmaaException {
        assertThat(jt.getRemoteCommand()).isNull();
        assertThat(jt.getArgs()).isNull();
        assertThat(jt.getJobSubmissionState()).isEqualTo(JobTemplate.ACTIVE_STATE);
        assertThat(jt.getJobEnvironment()).isNull();
        assertThat(jt.getWorkingDirectory()).isNull();
        assertThat(jt.getJobCategory()).isNull();
        assertThat(jt.getNativeSpecification()).isNull();
        assertThat(jt.getEmail()).isNull();
        assertThat(jt.getBlockEmail()).isFalse();
        assertThat(jt.getStartTime()).isNull();
        assertThat(jt.getJobName()).isNull();
        assertThat(jt.getInputPath()).isNull();
        assertThat(jt.getOutputPath()).isNull();
        assertThat(jt.getErrorPath()).isNull();
        assertThat(jt.getJoinFiles()).isFalse();
    }

    @Test
    void everyOptionalAttributeIsUnsupportedBothWays() {
        List<Executable> calls = List.of(
                () -> jt.setTransferFiles(new FileTransferMode(true, true, true)),
                jt::getTransferFiles,
                () -> jt.setDeadlineTime(new PartialTimestamp(10, 0, 0)),
                jt::getDeadlineTime,
                () -> jt.setHardWallclockTimeLimit(60),
                jt::getHardWallclockTimeLimit,
                () -> jt.setSoftWallclockTimeLimit(60),
                jt::getSoftWallclockTimeLimit,
                () -> jt.setHardRunDurationLimit(60),
                jt::getHardRunDurationLimit,
                () -> jt.setSoftRunDurationLimit(60),
                jt::getSoftRunDurationLimit);

        for (Executable call : calls) {
            assertThatThrownBy(call::execute).isExactlyInstanceOf(UnsupportedAttributeException.class);
        }
    }

    @Test
    void attributeNamesAreTheFifteenRequiredOnes() throws DrmaaException {
        assertThat(jt.getAttributeNames()).containsExactlyInAnyOrder(
                "args", "blockEmail", "email", "errorPath", "inputPath", "jobCategory",
                "jobEnvironment", "jobName", "jobSubmissionState", "joinFiles",
                "nativeSpecification", "outputPath", "remoteCommand", "startTime", "workingDirectory");
        assertThatThrownBy(() -> jt.getAttributeNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSubclassAddsItsOptionalNamesAndInvalidatesTheDescription() throws DrmaaException {
        class WithDeadline extends SimpleJobTemplate {
            private PartialTimestamp deadline;

            @Override
            protected Set<String> getOptionalAttributeNames() {
                return Set.of("deadlineTime");
            }

            @Override
            public void setDeadlineTime(PartialTimestamp deadline) {
                this.deadline = deadline;
                modified();
            }

            @Override
            public PartialTimestamp getDeadlineTime() {
                return deadline;
            }
        }
        WithDeadline template = new WithDeadline();
        assertThat(template.getAttributeNames()).contains("deadlineTime", "remoteCommand").hasSize(16);
        assertThat(template.toString()).doesNotContain("deadlineTime");

        template.setDeadlineTime(new PartialTimestamp(23, 59, 0));

        assertThat(template.toString()).contains("{deadlineTime = \"23:59:00\"}");
    }

    @Test
    void collectionsAreCopiedInAndReadOnlyOut() throws DrmaaException {
        List<String> args = new ArrayList<>(List.of("-v", "5"));
        Map<String, String> env = new HashMap<>(Map.of("A", "1"));
        Set<String> email = new HashSet<>(Set.of("a@example.org"));
        jt.setArgs(args);
        jt.setJobEnvironment(env);
        jt.setEmail(email);
        args.add("extra");
        env.put("B", "2");
        email.add("b@example.org");

        assertThat(jt.getArgs()).containsExactly("-v", "5");
        assertThat(jt.getJobEnvironment()).containsExactly(Map.entry("A", "1"));
        assertThat(jt.getEmail()).containsExactly("a@example.org");
        assertThatThrownBy(() -> jt.getArgs().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> jt.getJobEnvironment().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> jt.getEmail().add("x")).isInstanceOf(UnsupportedOperationException.class);

        jt.setArgs(null);
        assertThat(jt.getArgs()).isNull();
    }

    @Test
    void simplePropertiesAreStoredInTheProtectedFields() throws DrmaaException {
        jt.setRemoteCommand("/bin/sleep");
        jt.setJobSubmissionState(JobTemplate.HOLD_STATE);
        jt.setJobCategory("low");
        jt.setNativeSpecification("-q fast");
        jt.setBlockEmail(true);
        jt.setJobName("sleeper_1");
        jt.setJoinFiles(true);

        assertThat(jt.remoteCommand).isEqualTo("/bin/sleep");
        assertThat(jt.jobSubmissionState).isEqualTo(JobTemplate.HOLD_STATE);
        assertThat(jt.jobCategory).isEqualTo("low");
        assertThat(jt.nativeSpecification).isEqualTo("-q fast");
        assertThat(jt.blockEmail).isTrue();
        assertThat(jt.jobName).isEqualTo("sleeper_1");
        assertThat(jt.joinFiles).isTrue();
    }

    @Test
    void submissionStateMustBeActiveOrHold() {
        assertThatThrownBy(() -> jt.setJobSubmissionState(7))
                .isExactlyInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("got 7");
    }

    @Test
    void placeholdersAreAcceptedOnlyWhereTheBindingAllowsThem() throws DrmaaException {
        jt.setWorkingDirectory(JobTemplate.HOME_DIRECTORY + "/jobs/" + JobTemplate.PARAMETRIC_INDEX);
        jt.setWorkingDirectory(":" + JobTemplate.HOME_DIRECTORY + "/jobs");
        jt.setInputPath("node1:" + JobTemplate.WORKING_DIRECTORY + "/in." + JobTemplate.PARAMETRIC_INDEX);
        jt.setOutputPath(":" + JobTemplate.HOME_DIRECTORY + "/out");
        jt.setErrorPath("/tmp/err");
        jt.setErrorPath(null);

        assertThat(jt.getInputPath()).isEqualTo("node1:$drmaa_wd_ph$/in.$drmaa_incr_ph$");
        assertThat(jt.getErrorPath()).isNull();
        assertThatThrownBy(() -> jt.setWorkingDirectory("/jobs/" + JobTemplate.HOME_DIRECTORY))
                .isExactlyInstanceOf(InvalidAttributeFormatException.class)
                .hasMessageContaining("workingDirectory");
        assertThatThrownBy(() -> jt.setWorkingDirectory(JobTemplate.WORKING_DIRECTORY + "/x"))
                .isExactlyInstanceOf(InvalidAttributeFormatException.class);
        assertThatThrownBy(() -> jt.setOutputPath("host:/tmp/" + JobTemplate.WORKING_DIRECTORY))
                .isExactlyInstanceOf(InvalidAttributeFormatException.class)
                .hasMessageContaining("outputPath");
        assertThatThrownBy(() -> jt.setInputPath("/a/" + JobTemplate.HOME_DIRECTORY))
                .isExactlyInstanceOf(InvalidAttributeFormatException.class);
        assertThat(jt.getOutputPath()).isEqualTo(":$drmaa_hd_ph$/out");
    }

    @Test
    void startTimeIsCopiedAndMustNotBeInThePast() throws DrmaaException {
        PartialTimestamp tenPast = new PartialTimestamp(10, 10, 0);
        jt.setStartTime(tenPast);
        tenPast.set(PartialTimestamp.HOUR_OF_DAY, 11);

        assertThat(jt.getStartTime().get(PartialTimestamp.HOUR_OF_DAY)).isEqualTo(10);
        jt.getStartTime().set(PartialTimestamp.MINUTE, 0);
        assertThat(jt.getStartTime().get(PartialTimestamp.MINUTE)).isEqualTo(10);

        assertThatThrownBy(() -> jt.setStartTime(new PartialTimestamp(2001, 0, 1, 0, 0)))
                .isExactlyInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("2001/01/01 00:00")
                .hasMessageContaining("past");
        PartialTimestamp noMinute = new PartialTimestamp();
        noMinute.set(PartialTimestamp.HOUR_OF_DAY, 10);
        assertThatThrownBy(() -> jt.setStartTime(noMinute))
                .isExactlyInstanceOf(InvalidAttributeValueException.class)
                .hasMessageContaining("MINUTE");

        jt.setStartTime(null);
        assertThat(jt.getStartTime()).isNull();
    }

    @Test
    void toStringDescribesTheSetPropertiesAndFollowsChanges() throws DrmaaException {
        assertThat(jt.toString()).isEqualTo(
                "{blockEmail = false} {jobSubmissionState = ACTIVE_STATE} {joinFiles = false}");

        jt.setRemoteCommand("/bin/echo");
        jt.setArgs(List.of("hello", "world"));

        assertThat(jt.toString()).isEqualTo("{args = \"hello\", \"world\"} {blockEmail = false}"
                + " {jobSubmissionState = ACTIVE_STATE} {joinFiles = false} {remoteCommand = /bin/echo}");
    }

    @Test
    void survivesSerialization() throws Exception {
        jt.setRemoteCommand("/bin/true");
        jt.setArgs(List.of("a"));
        jt.setStartTime(new PartialTimestamp(9, 30, 0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(jt);
        }

        SimpleJobTemplate copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SimpleJobTemplate) in.readObject();
        }

        assertThat(copy.getRemoteCommand()).isEqualTo("/bin/true");
        assertThat(copy.getArgs()).containsExactly("a");
        assertThat(copy.getStartTime()).isEqualTo(jt.getStartTime());
        assertThat(copy.toString()).isEqualTo(jt.toString());
    }
}
