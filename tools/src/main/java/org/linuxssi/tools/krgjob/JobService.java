package org.linuxssi.tools.krgjob;

import java.util.List;
import org.linuxssi.api.v1.DrmaaGrpc;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.api.v1.OpenSessionRequest;
import org.linuxssi.api.v1.ReapRequest;
import org.linuxssi.tools.DaemonConnection;

/** The Drmaa calls krgjob makes, each with the tools' deadline and error lines. */
final class JobService {

    private final DaemonConnection daemon;

    JobService(DaemonConnection daemon) {
        this.daemon = daemon;
    }

    DaemonConnection daemon() {
        return daemon;
    }

    /** The caller's krgjob session, made on first use. */
    long session() {
        return daemon.call(DrmaaGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE, drmaa -> drmaa.openSession(
                OpenSessionRequest.newBuilder().setName(KrgjobCommand.SESSION).build())).getSessionId();
    }

    /** The caller's jobs of every session: all of them, or those with these ids. */
    ListJobsReply jobs(List<Long> ids) {
        return daemon.call(DrmaaGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE, drmaa -> drmaa.listJobs(
                ListJobsRequest.newBuilder().addAllJobIds(ids).build()));
    }

    void reap(long id) {
        daemon.call(DrmaaGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE, drmaa -> drmaa.reap(
                ReapRequest.newBuilder().addJobIds(id).build()));
    }
}
