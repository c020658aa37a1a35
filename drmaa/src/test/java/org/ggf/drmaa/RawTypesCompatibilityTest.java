package org.ggf.drmaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Code written against the binding's original raw-typed signatures (Java 1.4
 * style, as in Grid Engine's drmaa.jar) must still compile and behave: these
 * classes override and call the generic API with raw types.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class RawTypesCompatibilityTest {
    /** A job template subclass overriding with raw collection types. */
    static class RawTemplate extends SimpleJobTemplate {
        @Override
        public void setArgs(List args) throws DrmaaException {
            super.setArgs(args);
        }

        @Override
        public List getArgs() throws DrmaaException {
            return super.getArgs();
        }

        @Override
        protected Set getOptionalAttributeNames() {
            return Collections.singleton("site_queue");
        }
    }

    /** A Session implemented with raw List parameters and results. */
    static class RawSession implements Session {
        private final List submitted = new ArrayList();

        @Override
        public void init(String contact) {
        }

        @Override
        public void exit() {
        }

        @Override
        public JobTemplate createJobTemplate() {
            return new RawTemplate();
        }

        @Override
        public void deleteJobTemplate(JobTemplate jt) {
        }

        @Override
        public String runJob(JobTemplate jt) {
            submitted.add("job" + submitted.size());
            return (String) submitted.get(submitted.size() - 1);
        }

        @Override
        public List runBulkJobs(JobTemplate jt, int start, int end, int incr) {
            List ids = new ArrayList();
            for (int i = start; i <= end; i += incr) {
                ids.add(runJob(jt));
            }
            return ids;
        }

        @Override
        public void control(String jobId, int action) {
        }

        @Override
        public void synchronize(List jobIds, long timeout, boolean dispose) {
            submitted.removeAll(jobIds);
        }

        @Override
        public JobInfo wait(String jobId, long timeout) {
            return null;
        }

        @Override
        public int getJobProgramStatus(String jobId) {
            return submitted.contains(jobId) ? RUNNING : DONE;
        }

        @Override
        public String getContact() {
            return "";
        }

        @Override
        public Version getVersion() {
            return new Version(1, 0);
        }

        @Override
        public String getDrmSystem() {
            return "test";
        }

        @Override
        public String getDrmaaImplementation() {
            return "test";
        }
    }

    /** A JobInfo returning a raw Map. */
    static class RawJobInfo implements JobInfo {
        @Override
        public String getJobId() {
            return "1";
        }

        @Override
        public Map getResourceUsage() {
            Map usage = new HashMap();
            usage.put("cpu", "1.5");
            return usage;
        }

        @Override
        public boolean hasExited() {
            return true;
        }

        @Override
        public int getExitStatus() {
            return 0;
        }

        @Override
        public boolean hasSignaled() {
            return false;
        }

        @Override
        public String getTerminatingSignal() {
            throw new IllegalStateException("not signalled");
        }

        @Override
        public boolean hasCoreDump() {
            throw new IllegalStateException("not signalled");
        }

        @Override
        public boolean wasAborted() {
            return false;
        }
    }

    @Test
    void rawTypedApplicationCodeCompilesAndRuns() throws DrmaaException {
        Session session = new RawSession();
        JobTemplate jt = session.createJobTemplate();
        List args = new ArrayList();
        args.add("5");
        jt.setArgs(args);

        List ids = session.runBulkJobs(jt, 1, 3, 1);
        String first = (String) ids.get(0);
        session.synchronize(Collections.singletonList(first), Session.TIMEOUT_NO_WAIT, true);

        assertThat(ids).hasSize(3);
        assertThat(session.getJobProgramStatus(first)).isEqualTo(Session.DONE);
        assertThat(session.getJobProgramStatus((String) ids.get(1))).isEqualTo(Session.RUNNING);
        assertThat(jt.getArgs()).containsExactly("5");
        assertThat(jt.getAttributeNames()).contains("site_queue", "remoteCommand");

        Map usage = new RawJobInfo().getResourceUsage();
        for (Iterator i = usage.keySet().iterator(); i.hasNext();) {
            String name = (String) i.next();
            assertThat((String) usage.get(name)).isEqualTo("1.5");
        }
        assertThat(session.getVersion().compareTo(new Version(0, 5))).isPositive();
    }
}
