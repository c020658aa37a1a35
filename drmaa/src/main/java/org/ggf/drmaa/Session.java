package org.ggf.drmaa;

import java.util.List;

/**
 * A DRMAA session: the context in which an application submits, controls and
 * waits for jobs on one DRM.
 *
 * <p>Get one from {@link SessionFactory#getSession()}, call {@link #init} once,
 * and {@link #exit} when done; jobs keep running after {@code exit()}. Until
 * {@code init()} only {@link #getContact()}, {@link #getVersion()},
 * {@link #getDrmSystem()} and {@link #getDrmaaImplementation()} may be called.
 * An implementation should allow only one active session at a time.</p>
 *
 * <p>Besides the {@link DrmaaException} subclasses named for each method, any
 * method may throw {@link InternalException}, and {@link IllegalArgumentException}
 * or {@link NullPointerException} for an invalid argument.</p>
 */
public interface Session {
    /** Control action: suspend a running job. */
    int SUSPEND = 0;
    /** Control action: resume a suspended job. */
    int RESUME = 1;
    /** Control action: put a queued job on hold. */
    int HOLD = 2;
    /** Control action: release a held job. */
    int RELEASE = 3;
    /** Control action: terminate the job. */
    int TERMINATE = 4;

    /** Job id meaning every job submitted in this session, for {@link #control} and {@link #synchronize}. */
    String JOB_IDS_SESSION_ALL = "DRMAA_JOB_IDS_SESSION_ALL";
    /** Job id meaning any one job of this session, for {@link #wait}. */
    String JOB_IDS_SESSION_ANY = "DRMAA_JOB_IDS_SESSION_ANY";

    /** Timeout for {@link #wait} and {@link #synchronize}: block until there is a result. */
    long TIMEOUT_WAIT_FOREVER = -1L;
    /** Timeout for {@link #wait} and {@link #synchronize}: return at once if there is no result. */
    long TIMEOUT_NO_WAIT = 0L;

    /** Job status: cannot be determined. */
    int UNDETERMINED = 0x00;
    /** Job status: queued and eligible to run. */
    int QUEUED_ACTIVE = 0x10;
    /** Job status: queued and held by the system. */
    int SYSTEM_ON_HOLD = 0x11;
    /** Job status: queued and held by the user. */
    int USER_ON_HOLD = 0x12;
    /** Job status: queued and held by both the user and the system. */
    int USER_SYSTEM_ON_HOLD = 0x13;
    /** Job status: running. */
    int RUNNING = 0x20;
    /** Job status: suspended by the system. */
    int SYSTEM_SUSPENDED = 0x21;
    /** Job status: suspended by the user. */
    int USER_SUSPENDED = 0x22;
    /** Job status: suspended by both the user and the system. */
    int USER_SYSTEM_SUSPENDED = 0x23;
    /** Job status: finished normally. */
    int DONE = 0x30;
    /** Job status: finished abnormally, or was terminated. */
    int FAILED = 0x40;

    /**
     * Starts the session with the DRM named by {@code contact}; {@code null} or
     * {@code ""} selects the default DRM.
     * @param contact implementation-defined contact string, or null/"" for the default
     * @throws DrmaaException DrmsInitException, InvalidContactStringException,
     *     AlreadyActiveSessionException, DefaultContactStringException,
     *     NoDefaultContactStringException, DrmCommunicationException or
     *     AuthorizationException
     */
    void init(String contact) throws DrmaaException;

    /**
     * Ends the session and releases its resources; submitted jobs are not affected.
     * A second call throws {@link NoActiveSessionException}.
     * @throws DrmaaException DrmsExitException, NoActiveSessionException,
     *     DrmCommunicationException or AuthorizationException
     */
    void exit() throws DrmaaException;

    /**
     * Returns a new, empty job template owned by this session; delete it with
     * {@link #deleteJobTemplate} when done.
     * @return a blank job template
     * @throws DrmaaException NoActiveSessionException, DrmCommunicationException
     *     or AuthorizationException
     */
    JobTemplate createJobTemplate() throws DrmaaException;

    /**
     * Releases a job template made by {@link #createJobTemplate}; jobs already
     * submitted from it are not affected.
     * @param jt the template to delete
     * @throws DrmaaException InvalidJobTemplateException, NoActiveSessionException,
     *     DrmCommunicationException or AuthorizationException
     */
    void deleteJobTemplate(JobTemplate jt) throws DrmaaException;

    /**
     * Submits one job described by {@code jt}.
     * @param jt the job template
     * @return the job id, as the DRM names the job
     * @throws DrmaaException TryLaterException, DeniedByDrmException,
     *     InvalidJobTemplateException, NoActiveSessionException,
     *     DrmCommunicationException or AuthorizationException
     */
    String runJob(JobTemplate jt) throws DrmaaException;

    /**
     * Submits a set of parametric jobs, one for each index from {@code start} to
     * {@code end} in steps of {@code incr}; {@link JobTemplate#PARAMETRIC_INDEX}
     * in the template's paths stands for each job's index.
     * @param jt the job template
     * @param start the first index
     * @param end the last index (inclusive)
     * @param incr the step between indices
     * @return the job ids, one per index, in index order
     * @throws DrmaaException TryLaterException, DeniedByDrmException,
     *     InvalidJobTemplateException, NoActiveSessionException,
     *     DrmCommunicationException or AuthorizationException
     */
    List<String> runBulkJobs(JobTemplate jt, int start, int end, int incr) throws DrmaaException;

    /**
     * Applies a control action ({@link #SUSPEND}, {@link #RESUME}, {@link #HOLD},
     * {@link #RELEASE} or {@link #TERMINATE}) to a job, or to every job of the
     * session with {@link #JOB_IDS_SESSION_ALL}. Returns once the DRM has
     * acknowledged the action, not necessarily once it is complete.
     * @param jobId the job id, or {@link #JOB_IDS_SESSION_ALL}
     * @param action the control action
     * @throws DrmaaException ResumeInconsistentStateException,
     *     SuspendInconsistentStateException, HoldInconsistentStateException,
     *     ReleaseInconsistentStateException, InvalidJobException,
     *     NoActiveSessionException, DrmCommunicationException or AuthorizationException
     */
    void control(String jobId, int action) throws DrmaaException;

    /**
     * Blocks until every listed job has finished, or the timeout elapses.
     * @param jobIds the job ids; {@link #JOB_IDS_SESSION_ALL} stands for every job of the session
     * @param timeout seconds to wait, {@link #TIMEOUT_WAIT_FOREVER} or {@link #TIMEOUT_NO_WAIT}
     * @param dispose true to reap the jobs' records now, false to keep them for {@link #wait}
     * @throws DrmaaException ExitTimeoutException, InvalidJobException,
     *     NoActiveSessionException, DrmCommunicationException or AuthorizationException
     */
    void synchronize(List<String> jobIds, long timeout, boolean dispose) throws DrmaaException;

    /**
     * Waits for a job, or any job of the session with {@link #JOB_IDS_SESSION_ANY},
     * to finish, and reaps its record: later calls for that job throw
     * {@link InvalidJobException}.
     * @param jobId the job id, or {@link #JOB_IDS_SESSION_ANY}
     * @param timeout seconds to wait, {@link #TIMEOUT_WAIT_FOREVER} or {@link #TIMEOUT_NO_WAIT}
     * @return the finished job's status and resource usage
     * @throws DrmaaException ExitTimeoutException, InvalidJobException,
     *     NoActiveSessionException, DrmCommunicationException or AuthorizationException
     */
    JobInfo wait(String jobId, long timeout) throws DrmaaException;

    /**
     * Returns the job's current status, one of the job status constants of this
     * interface; a terminated job reports {@link #FAILED}.
     * @param jobId the job id
     * @return the job status
     * @throws DrmaaException InvalidJobException, NoActiveSessionException,
     *     DrmCommunicationException or AuthorizationException
     */
    int getJobProgramStatus(String jobId) throws DrmaaException;

    /**
     * Before {@link #init}: the comma-separated contact strings of the available
     * DRMs; after: the contact string of this session's DRM.
     * @return contact information
     */
    String getContact();

    /**
     * Returns the version of the DRMAA specification this implementation follows.
     * @return the DRMAA version, 1.0 for this binding
     */
    Version getVersion();

    /**
     * Before {@link #init}: the comma-separated names of the available DRM
     * systems; after: the DRM system of this session.
     * @return DRM system information
     */
    String getDrmSystem();

    /**
     * Before {@link #init}: the comma-separated names of the available DRMAA
     * implementations; after: the implementation of this session.
     * @return DRMAA implementation information
     */
    String getDrmaaImplementation();
}
