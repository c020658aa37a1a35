package org.ggf.drmaa;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The description of a job to submit: command, arguments, environment, paths
 * and scheduling properties.
 *
 * <p>Get one from {@link Session#createJobTemplate()} and release it with
 * {@link Session#deleteJobTemplate}. One template may submit any number of jobs;
 * changing or deleting it afterwards does not affect jobs already submitted.
 * Unset object properties read as null.</p>
 *
 * <p>Setters may throw {@link InvalidAttributeFormatException},
 * {@link InvalidAttributeValueException} or
 * {@link ConflictingAttributeValuesException} for a bad value; the optional
 * properties (transferFiles, deadlineTime and the four time limits) throw
 * {@link UnsupportedAttributeException} from both accessors when the
 * implementation does not support them. Any accessor may also throw
 * {@link NoActiveSessionException}, {@link DrmCommunicationException},
 * {@link AuthorizationException} or {@link InternalException}.</p>
 */
public interface JobTemplate {
    /** jobSubmissionState value: the job is queued but held, not eligible to run. */
    int HOLD_STATE = 0;
    /** jobSubmissionState value: the job is queued and eligible to run. */
    int ACTIVE_STATE = 1;
    /** Placeholder for the submitting user's home directory, at the start of a path. */
    String HOME_DIRECTORY = "$drmaa_hd_ph$";
    /** Placeholder for the job's working directory, at the start of an input, output or error path. */
    String WORKING_DIRECTORY = "$drmaa_wd_ph$";
    /** Placeholder for a parametric job's index, anywhere in a path of a bulk job. */
    String PARAMETRIC_INDEX = "$drmaa_incr_ph$";

    /**
     * Sets the command the job runs, resolved on the execution host.
     * @param remoteCommand the command
     * @throws DrmaaException if the value is refused
     */
    void setRemoteCommand(String remoteCommand) throws DrmaaException;

    /**
     * Returns the command the job runs.
     * @return the command, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getRemoteCommand() throws DrmaaException;

    /**
     * Sets the job's command-line arguments.
     * @param args the arguments, in order
     * @throws DrmaaException if the value is refused
     */
    void setArgs(List<String> args) throws DrmaaException;

    /**
     * Returns the job's command-line arguments.
     * @return the arguments, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    List<String> getArgs() throws DrmaaException;

    /**
     * Sets the state a job enters at submission: {@link #ACTIVE_STATE}, or
     * {@link #HOLD_STATE} for a job that waits for {@link Session#RELEASE}.
     * @param state the submission state
     * @throws DrmaaException if the value is refused
     */
    void setJobSubmissionState(int state) throws DrmaaException;

    /**
     * Returns the state a job enters at submission.
     * @return {@link #ACTIVE_STATE} or {@link #HOLD_STATE}
     * @throws DrmaaException if the value cannot be read
     */
    int getJobSubmissionState() throws DrmaaException;

    /**
     * Sets environment variables for the job; they override same-named variables
     * of the execution environment.
     * @param env variable names mapped to values
     * @throws DrmaaException if the value is refused
     */
    void setJobEnvironment(Map<String, String> env) throws DrmaaException;

    /**
     * Returns the environment variables set for the job.
     * @return variable names mapped to values, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    Map<String, String> getJobEnvironment() throws DrmaaException;

    /**
     * Sets the directory the job runs in on the execution host: an absolute path,
     * or one starting with {@link #HOME_DIRECTORY}; {@link #PARAMETRIC_INDEX} may
     * appear anywhere. A job whose directory does not exist ends {@link Session#FAILED}.
     * @param wd the working directory
     * @throws DrmaaException if the value is refused
     */
    void setWorkingDirectory(String wd) throws DrmaaException;

    /**
     * Returns the directory the job runs in.
     * @return the working directory, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getWorkingDirectory() throws DrmaaException;

    /**
     * Sets an opaque category name that the site maps to job properties, such
     * as "low priority".
     * @param category the job category
     * @throws DrmaaException if the value is refused
     */
    void setJobCategory(String category) throws DrmaaException;

    /**
     * Returns the job category.
     * @return the job category, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getJobCategory() throws DrmaaException;

    /**
     * Sets opaque, DRM-specific submission options given by the end user.
     * @param spec the native specification
     * @throws DrmaaException if the value is refused
     */
    void setNativeSpecification(String spec) throws DrmaaException;

    /**
     * Returns the native specification.
     * @return the native specification, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getNativeSpecification() throws DrmaaException;

    /**
     * Sets the e-mail addresses told of the job's completion and status.
     * @param email the addresses
     * @throws DrmaaException if the value is refused
     */
    void setEmail(Set<String> email) throws DrmaaException;

    /**
     * Returns the e-mail addresses told of the job's completion and status.
     * @return the addresses, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    Set<String> getEmail() throws DrmaaException;

    /**
     * Sets whether to suppress the e-mail the DRM would send by default; it
     * cannot make the DRM send mail.
     * @param blockEmail true to suppress e-mail
     * @throws DrmaaException if the value is refused
     */
    void setBlockEmail(boolean blockEmail) throws DrmaaException;

    /**
     * Returns whether default e-mail is suppressed.
     * @return true if e-mail is suppressed
     * @throws DrmaaException if the value cannot be read
     */
    boolean getBlockEmail() throws DrmaaException;

    /**
     * Sets the earliest time the job may start.
     * @param startTime the start time
     * @throws DrmaaException if the value is refused
     */
    void setStartTime(PartialTimestamp startTime) throws DrmaaException;

    /**
     * Returns the earliest time the job may start.
     * @return the start time, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    PartialTimestamp getStartTime() throws DrmaaException;

    /**
     * Sets the job's name: letters, digits and underscores; an implementation
     * may cut it to a length of at least 31 characters.
     * @param name the job name
     * @throws DrmaaException if the value is refused
     */
    void setJobName(String name) throws DrmaaException;

    /**
     * Returns the job's name.
     * @return the job name, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getJobName() throws DrmaaException;

    /**
     * Sets the job's standard input as {@code [hostname]:file_path}; the path may
     * start with {@link #HOME_DIRECTORY} or {@link #WORKING_DIRECTORY} and contain
     * {@link #PARAMETRIC_INDEX}. Unset, the job reads an empty stream; unreadable,
     * the job ends {@link Session#FAILED}.
     * @param inputPath the input path
     * @throws DrmaaException if the value is refused
     */
    void setInputPath(String inputPath) throws DrmaaException;

    /**
     * Returns the job's standard input path.
     * @return the input path, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getInputPath() throws DrmaaException;

    /**
     * Sets where the job's standard output goes, as {@code [hostname]:file_path},
     * with the same placeholders as {@link #setInputPath}.
     * @param outputPath the output path
     * @throws DrmaaException if the value is refused
     */
    void setOutputPath(String outputPath) throws DrmaaException;

    /**
     * Returns where the job's standard output goes.
     * @return the output path, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getOutputPath() throws DrmaaException;

    /**
     * Sets where the job's standard error goes, as {@code [hostname]:file_path},
     * with the same placeholders as {@link #setInputPath}.
     * @param errorPath the error path
     * @throws DrmaaException if the value is refused
     */
    void setErrorPath(String errorPath) throws DrmaaException;

    /**
     * Returns where the job's standard error goes.
     * @return the error path, or null if unset
     * @throws DrmaaException if the value cannot be read
     */
    String getErrorPath() throws DrmaaException;

    /**
     * Sets whether standard error is merged into standard output, in which case
     * the error path is ignored; false by default.
     * @param join true to merge the streams
     * @throws DrmaaException if the value is refused
     */
    void setJoinFiles(boolean join) throws DrmaaException;

    /**
     * Returns whether standard error is merged into standard output.
     * @return true if the streams are merged
     * @throws DrmaaException if the value cannot be read
     */
    boolean getJoinFiles() throws DrmaaException;

    /**
     * Optional: sets which of the input, output and error files are transferred
     * between the submit and execution hosts, using the matching path property.
     * @param mode the streams to transfer
     * @throws DrmaaException if the value is refused or the property unsupported
     */
    void setTransferFiles(FileTransferMode mode) throws DrmaaException;

    /**
     * Optional: returns which standard files are transferred.
     * @return the streams to transfer
     * @throws DrmaaException if the value cannot be read or the property is unsupported
     */
    FileTransferMode getTransferFiles() throws DrmaaException;

    /**
     * Optional: sets the time after which the DRM terminates the job.
     * @param deadline the deadline
     * @throws DrmaaException if the value is refused or the property unsupported
     */
    void setDeadlineTime(PartialTimestamp deadline) throws DrmaaException;

    /**
     * Optional: returns the time after which the DRM terminates the job.
     * @return the deadline
     * @throws DrmaaException if the value cannot be read or the property is unsupported
     */
    PartialTimestamp getDeadlineTime() throws DrmaaException;

    /**
     * Optional: sets the wall-clock time, suspension included, after which the
     * DRM terminates the job.
     * @param hardWallclockLimit the limit in seconds
     * @throws DrmaaException if the value is refused or the property unsupported
     */
    void setHardWallclockTimeLimit(long hardWallclockLimit) throws DrmaaException;

    /**
     * Optional: returns the hard wall-clock limit.
     * @return the limit in seconds
     * @throws DrmaaException if the value cannot be read or the property is unsupported
     */
    long getHardWallclockTimeLimit() throws DrmaaException;

    /**
     * Optional: sets an estimate of the wall-clock time, suspension included, the
     * job needs; a scheduling hint that the DRM may penalise if exceeded.
     * @param softWallclockLimit the estimate in seconds
     * @throws DrmaaException if the value is refused or the property unsupported
     */
    void setSoftWallclockTimeLimit(long softWallclockLimit) throws DrmaaException;

    /**
     * Optional: returns the soft wall-clock limit.
     * @return the estimate in seconds
     * @throws DrmaaException if the value cannot be read or the property is unsupported
     */
    long getSoftWallclockTimeLimit() throws DrmaaException;

    /**
     * Optional: sets how long the job may be running before the DRM terminates it.
     * @param hardRunLimit the limit in seconds
     * @throws DrmaaException if the value is refused or the property unsupported
     */
    void setHardRunDurationLimit(long hardRunLimit) throws DrmaaException;

    /**
     * Optional: returns the hard run-duration limit.
     * @return the limit in seconds
     * @throws DrmaaException if the value cannot be read or the property is unsupported
     */
    long getHardRunDurationLimit() throws DrmaaException;

    /**
     * Optional: sets an estimate of how long the job needs to be running; a
     * scheduling hint that the DRM may penalise if exceeded.
     * @param softRunLimit the estimate in seconds
     * @throws DrmaaException if the value is refused or the property unsupported
     */
    void setSoftRunDurationLimit(long softRunLimit) throws DrmaaException;

    /**
     * Optional: returns the soft run-duration limit.
     * @return the estimate in seconds
     * @throws DrmaaException if the value cannot be read or the property is unsupported
     */
    long getSoftRunDurationLimit() throws DrmaaException;

    /**
     * Returns the names of the properties this implementation supports: the
     * required DRMAA ones, the supported optional ones, and DRM-specific ones.
     * @return the supported property names
     * @throws DrmaaException if the names cannot be read
     */
    Set<String> getAttributeNames() throws DrmaaException;
}
