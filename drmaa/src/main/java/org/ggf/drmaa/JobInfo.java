package org.ggf.drmaa;

import java.util.Map;

/**
 * How a finished job ended and what it used, as returned by {@link Session#wait}.
 *
 * <p>Every method may throw {@link DrmCommunicationException},
 * {@link AuthorizationException} or {@link InternalException}.</p>
 */
public interface JobInfo {
    /**
     * Returns the id of the finished job.
     * @return the job id
     * @throws DrmaaException if the information cannot be read
     */
    String getJobId() throws DrmaaException;

    /**
     * Returns the job's resource usage as usage names mapped to values, both
     * implementation-defined; null when the DRM recorded none.
     * @return the resource usage, or null
     * @throws DrmaaException if the information cannot be read
     */
    Map<String, String> getResourceUsage() throws DrmaaException;

    /**
     * Returns true if the job terminated normally and its exit status is known;
     * false also when that is unknown.
     * @return whether {@link #getExitStatus()} has a value
     * @throws DrmaaException if the information cannot be read
     */
    boolean hasExited() throws DrmaaException;

    /**
     * Returns the exit code the job passed to {@code exit()}.
     * @return the exit code
     * @throws DrmaaException if the information cannot be read
     * @throws IllegalStateException if {@link #hasExited()} is false
     */
    int getExitStatus() throws DrmaaException;

    /**
     * Returns true if the job was ended by a signal and the signal is known.
     * @return whether {@link #getTerminatingSignal()} has a value
     * @throws DrmaaException if the information cannot be read
     */
    boolean hasSignaled() throws DrmaaException;

    /**
     * Returns the signal that ended the job: the POSIX name (such as
     * {@code SIGKILL}) for POSIX signals, a DRM-defined string otherwise.
     * @return the signal name
     * @throws DrmaaException if the information cannot be read
     * @throws IllegalStateException if {@link #hasSignaled()} is false
     */
    String getTerminatingSignal() throws DrmaaException;

    /**
     * Returns true if the job, ended by a signal, left a core image.
     * @return whether a core dump was written
     * @throws DrmaaException if the information cannot be read
     * @throws IllegalStateException if {@link #hasSignaled()} is false
     */
    boolean hasCoreDump() throws DrmaaException;

    /**
     * Returns true if the job ended without ever running.
     * @return whether the job was aborted before it ran
     * @throws DrmaaException if the information cannot be read
     */
    boolean wasAborted() throws DrmaaException;
}
