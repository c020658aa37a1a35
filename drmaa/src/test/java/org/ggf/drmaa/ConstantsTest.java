package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Calendar;
import org.junit.jupiter.api.Test;

/** The constant values the binding fixes; applications compiled against another drmaa.jar have them inlined. */
class ConstantsTest {
    @Test
    void controlActions() {
        assertThat(Session.SUSPEND).isEqualTo(0);
        assertThat(Session.RESUME).isEqualTo(1);
        assertThat(Session.HOLD).isEqualTo(2);
        assertThat(Session.RELEASE).isEqualTo(3);
        assertThat(Session.TERMINATE).isEqualTo(4);
    }

    @Test
    void jobStatesMatchTheCBindingCodes() {
        assertThat(Session.UNDETERMINED).isEqualTo(0x00);
        assertThat(Session.QUEUED_ACTIVE).isEqualTo(0x10);
        assertThat(Session.SYSTEM_ON_HOLD).isEqualTo(0x11);
        assertThat(Session.USER_ON_HOLD).isEqualTo(0x12);
        assertThat(Session.USER_SYSTEM_ON_HOLD).isEqualTo(0x13);
        assertThat(Session.RUNNING).isEqualTo(0x20);
        assertThat(Session.SYSTEM_SUSPENDED).isEqualTo(0x21);
        assertThat(Session.USER_SUSPENDED).isEqualTo(0x22);
        assertThat(Session.USER_SYSTEM_SUSPENDED).isEqualTo(0x23);
        assertThat(Session.DONE).isEqualTo(0x30);
        assertThat(Session.FAILED).isEqualTo(0x40);
    }

    @Test
    void jobIdsAndTimeouts() {
        assertThat(Session.JOB_IDS_SESSION_ALL).isEqualTo("DRMAA_JOB_IDS_SESSION_ALL");
        assertThat(Session.JOB_IDS_SESSION_ANY).isEqualTo("DRMAA_JOB_IDS_SESSION_ANY");
        assertThat(Session.TIMEOUT_WAIT_FOREVER).isEqualTo(-1L);
        assertThat(Session.TIMEOUT_NO_WAIT).isEqualTo(0L);
    }

    @Test
    void jobTemplatePlaceholdersAndStates() {
        assertThat(JobTemplate.HOLD_STATE).isEqualTo(0);
        assertThat(JobTemplate.ACTIVE_STATE).isEqualTo(1);
        assertThat(JobTemplate.HOME_DIRECTORY).isEqualTo("$drmaa_hd_ph$");
        assertThat(JobTemplate.WORKING_DIRECTORY).isEqualTo("$drmaa_wd_ph$");
        assertThat(JobTemplate.PARAMETRIC_INDEX).isEqualTo("$drmaa_incr_ph$");
    }

    @Test
    void partialTimestampFields() {
        assertThat(PartialTimestamp.CENTURY).isEqualTo(Calendar.ERA);
        assertThat(PartialTimestamp.UNSET).isEqualTo(Integer.MAX_VALUE);
    }
}
