package org.ggf.drmaa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A plain JobTemplate that stores the required properties in protected fields
 * and refuses every optional one with {@link UnsupportedAttributeException};
 * usable as it is, or as the base of an implementation's template.
 *
 * <p>Object properties start as null, booleans as false, and
 * jobSubmissionState as {@link #ACTIVE_STATE}. Collections are copied on the
 * way in and returned as unmodifiable views. A subclass that supports an
 * optional property overrides its accessors, lists it in
 * {@link #getOptionalAttributeNames()}, and calls {@link #modified()} from its
 * setters. Not thread-safe.</p>
 */
public class SimpleJobTemplate implements JobTemplate, Serializable {
    private static final long serialVersionUID = 1L;

    private static final List<String> REQUIRED_NAMES = List.of(
            "args", "blockEmail", "email", "errorPath", "inputPath", "jobCategory",
            "jobEnvironment", "jobName", "jobSubmissionState", "joinFiles",
            "nativeSpecification", "outputPath", "remoteCommand", "startTime",
            "workingDirectory");

    /** The command the job runs. */
    protected String remoteCommand;
    /** The job's arguments. */
    protected List<String> args;
    /** {@link #ACTIVE_STATE} or {@link #HOLD_STATE}. */
    protected int jobSubmissionState = ACTIVE_STATE;
    /** Environment variables for the job. */
    protected Map<String, String> jobEnvironment;
    /** The directory the job runs in. */
    protected String workingDirectory;
    /** The site-defined job category. */
    protected String jobCategory;
    /** DRM-specific submission options. */
    protected String nativeSpecification;
    /** Addresses told of the job's completion and status. */
    protected Set<String> email;
    /** Whether the DRM's default e-mail is suppressed. */
    protected boolean blockEmail;
    /** The earliest time the job may start. */
    protected PartialTimestamp startTime;
    /** The job's name. */
    protected String jobName;
    /** The job's standard input path. */
    protected String inputPath;
    /** The job's standard output path. */
    protected String outputPath;
    /** The job's standard error path. */
    protected String errorPath;
    /** Whether standard error is merged into standard output. */
    protected boolean joinFiles;

    private transient String description;

    /** Creates a template with every property at its default. */
    public SimpleJobTemplate() {
    }

    @Override
    public void setRemoteCommand(String remoteCommand) throws DrmaaException {
        this.remoteCommand = remoteCommand;
        modified();
    }

    @Override
    public String getRemoteCommand() throws DrmaaException {
        return remoteCommand;
    }

    @Override
    public void setArgs(List<String> args) throws DrmaaException {
        this.args = args == null ? null : new ArrayList<>(args);
        modified();
    }

    @Override
    public List<String> getArgs() throws DrmaaException {
        return args == null ? null : Collections.unmodifiableList(args);
    }

    /**
     * {@inheritDoc}
     * @throws InvalidAttributeValueException if state is neither ACTIVE_STATE nor HOLD_STATE
     */
    @Override
    public void setJobSubmissionState(int state) throws DrmaaException {
        if (state != ACTIVE_STATE && state != HOLD_STATE) {
            throw new InvalidAttributeValueException("jobSubmissionState must be ACTIVE_STATE ("
                    + ACTIVE_STATE + ") or HOLD_STATE (" + HOLD_STATE + "), got " + state);
        }
        this.jobSubmissionState = state;
        modified();
    }

    @Override
    public int getJobSubmissionState() throws DrmaaException {
        return jobSubmissionState;
    }

    @Override
    public void setJobEnvironment(Map<String, String> env) throws DrmaaException {
        this.jobEnvironment = env == null ? null : new HashMap<>(env);
        modified();
    }

    @Override
    public Map<String, String> getJobEnvironment() throws DrmaaException {
        return jobEnvironment == null ? null : Collections.unmodifiableMap(jobEnvironment);
    }

    /**
     * {@inheritDoc}
     * @throws InvalidAttributeFormatException if {@link #HOME_DIRECTORY} is not at
     *     the start of the path, or {@link #WORKING_DIRECTORY} appears in it
     */
    @Override
    public void setWorkingDirectory(String wd) throws DrmaaException {
        if (wd != null) {
            String path = pathPart(wd);
            if (path.contains(WORKING_DIRECTORY)) {
                throw new InvalidAttributeFormatException("workingDirectory must not contain "
                        + WORKING_DIRECTORY + ", got \"" + wd + "\"");
            }
            requireOnlyAtStart("workingDirectory", wd, path, HOME_DIRECTORY);
        }
        this.workingDirectory = wd;
        modified();
    }

    @Override
    public String getWorkingDirectory() throws DrmaaException {
        return workingDirectory;
    }

    @Override
    public void setJobCategory(String category) throws DrmaaException {
        this.jobCategory = category;
        modified();
    }

    @Override
    public String getJobCategory() throws DrmaaException {
        return jobCategory;
    }

    @Override
    public void setNativeSpecification(String spec) throws DrmaaException {
        this.nativeSpecification = spec;
        modified();
    }

    @Override
    public String getNativeSpecification() throws DrmaaException {
        return nativeSpecification;
    }

    @Override
    public void setEmail(Set<String> email) throws DrmaaException {
        this.email = email == null ? null : new HashSet<>(email);
        modified();
    }

    @Override
    public Set<String> getEmail() throws DrmaaException {
        return email == null ? null : Collections.unmodifiableSet(email);
    }

    @Override
    public void setBlockEmail(boolean blockEmail) throws DrmaaException {
        this.blockEmail = blockEmail;
        modified();
    }

    @Override
    public boolean getBlockEmail() throws DrmaaException {
        return blockEmail;
    }

    /**
     * {@inheritDoc} The template keeps a copy.
     * @throws InvalidAttributeValueException if the time lacks its hour or minute,
     *     or resolves to a time in the past
     */
    @Override
    public void setStartTime(PartialTimestamp startTime) throws DrmaaException {
        if (startTime == null) {
            this.startTime = null;
        } else {
            PartialTimestamp copy = (PartialTimestamp) startTime.clone();
            long resolved;
            try {
                resolved = copy.getTimeInMillis();
            } catch (IllegalArgumentException e) {
                throw new InvalidAttributeValueException("startTime cannot be resolved: " + e.getMessage());
            }
            if (resolved < System.currentTimeMillis()) {
                throw new InvalidAttributeValueException("startTime "
                        + new PartialTimestampFormat().format(copy) + " is in the past");
            }
            this.startTime = copy;
        }
        modified();
    }

    /** {@inheritDoc} The caller gets a copy. */
    @Override
    public PartialTimestamp getStartTime() throws DrmaaException {
        return startTime == null ? null : (PartialTimestamp) startTime.clone();
    }

    @Override
    public void setJobName(String name) throws DrmaaException {
        this.jobName = name;
        modified();
    }

    @Override
    public String getJobName() throws DrmaaException {
        return jobName;
    }

    /**
     * {@inheritDoc}
     * @throws InvalidAttributeFormatException if a directory placeholder is not
     *     at the start of the file path
     */
    @Override
    public void setInputPath(String inputPath) throws DrmaaException {
        checkStreamPath("inputPath", inputPath);
        this.inputPath = inputPath;
        modified();
    }

    @Override
    public String getInputPath() throws DrmaaException {
        return inputPath;
    }

    /**
     * {@inheritDoc}
     * @throws InvalidAttributeFormatException if a directory placeholder is not
     *     at the start of the file path
     */
    @Override
    public void setOutputPath(String outputPath) throws DrmaaException {
        checkStreamPath("outputPath", outputPath);
        this.outputPath = outputPath;
        modified();
    }

    @Override
    public String getOutputPath() throws DrmaaException {
        return outputPath;
    }

    /**
     * {@inheritDoc}
     * @throws InvalidAttributeFormatException if a directory placeholder is not
     *     at the start of the file path
     */
    @Override
    public void setErrorPath(String errorPath) throws DrmaaException {
        checkStreamPath("errorPath", errorPath);
        this.errorPath = errorPath;
        modified();
    }

    @Override
    public String getErrorPath() throws DrmaaException {
        return errorPath;
    }

    @Override
    public void setJoinFiles(boolean join) throws DrmaaException {
        this.joinFiles = join;
        modified();
    }

    @Override
    public boolean getJoinFiles() throws DrmaaException {
        return joinFiles;
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public void setTransferFiles(FileTransferMode mode) throws DrmaaException {
        throw unsupported("transferFiles");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public FileTransferMode getTransferFiles() throws DrmaaException {
        throw unsupported("transferFiles");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public void setDeadlineTime(PartialTimestamp deadline) throws DrmaaException {
        throw unsupported("deadlineTime");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public PartialTimestamp getDeadlineTime() throws DrmaaException {
        throw unsupported("deadlineTime");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public void setHardWallclockTimeLimit(long hardWallclockLimit) throws DrmaaException {
        throw unsupported("hardWallclockTimeLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public long getHardWallclockTimeLimit() throws DrmaaException {
        throw unsupported("hardWallclockTimeLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public void setSoftWallclockTimeLimit(long softWallclockLimit) throws DrmaaException {
        throw unsupported("softWallclockTimeLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public long getSoftWallclockTimeLimit() throws DrmaaException {
        throw unsupported("softWallclockTimeLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public void setHardRunDurationLimit(long hardRunLimit) throws DrmaaException {
        throw unsupported("hardRunDurationLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public long getHardRunDurationLimit() throws DrmaaException {
        throw unsupported("hardRunDurationLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public void setSoftRunDurationLimit(long softRunLimit) throws DrmaaException {
        throw unsupported("softRunDurationLimit");
    }

    /** Unsupported here: always throws {@link UnsupportedAttributeException}. */
    @Override
    public long getSoftRunDurationLimit() throws DrmaaException {
        throw unsupported("softRunDurationLimit");
    }

    /** {@inheritDoc} Here: the required names plus {@link #getOptionalAttributeNames()}, unmodifiable. */
    @Override
    public Set<String> getAttributeNames() throws DrmaaException {
        Set<String> names = new LinkedHashSet<>(REQUIRED_NAMES);
        names.addAll(getOptionalAttributeNames());
        return Collections.unmodifiableSet(names);
    }

    /**
     * Returns the names of the optional and DRM-specific properties a subclass
     * supports; none here.
     * @return the extra property names, empty unless overridden
     */
    protected Set<String> getOptionalAttributeNames() {
        return Collections.emptySet();
    }

    /** Marks the template as changed so {@link #toString()} describes it afresh; every setter calls it. */
    protected void modified() {
        description = null;
    }

    /**
     * Describes every property that is set, one {@code {name = value}} group each,
     * in name order; optional properties the template does not support are left out.
     * @return the description
     */
    @Override
    public String toString() {
        if (description == null) {
            StringJoiner out = new StringJoiner(" ");
            try {
                describeInto(out);
            } catch (DrmaaException e) {
                // A subclass getter failed: show what could be read, and read again next time.
                return out + " {<" + e.getClass().getSimpleName() + ": " + e.getMessage() + ">}";
            }
            description = out.toString();
        }
        return description;
    }

    private void describeInto(StringJoiner out) throws DrmaaException {
        add(out, "args", quoted(getArgs()));
        add(out, "blockEmail", getBlockEmail());
        addOptional(out, "deadlineTime", () -> formatted(getDeadlineTime()));
        add(out, "email", quoted(getEmail()));
        add(out, "errorPath", getErrorPath());
        addOptional(out, "hardRunDurationLimit", () -> seconds(getHardRunDurationLimit()));
        addOptional(out, "hardWallclockTimeLimit", () -> seconds(getHardWallclockTimeLimit()));
        add(out, "inputPath", getInputPath());
        add(out, "jobCategory", getJobCategory());
        add(out, "jobEnvironment", getJobEnvironment());
        add(out, "jobName", getJobName());
        add(out, "jobSubmissionState", getJobSubmissionState() == HOLD_STATE ? "HOLD_STATE" : "ACTIVE_STATE");
        add(out, "joinFiles", getJoinFiles());
        add(out, "nativeSpecification", getNativeSpecification());
        add(out, "outputPath", getOutputPath());
        add(out, "remoteCommand", getRemoteCommand());
        addOptional(out, "softRunDurationLimit", () -> seconds(getSoftRunDurationLimit()));
        addOptional(out, "softWallclockTimeLimit", () -> seconds(getSoftWallclockTimeLimit()));
        add(out, "startTime", formatted(getStartTime()));
        addOptional(out, "transferFiles", this::getTransferFiles);
        add(out, "workingDirectory", getWorkingDirectory());
    }

    private interface Getter {
        Object get() throws DrmaaException;
    }

    private static void add(StringJoiner out, String name, Object value) {
        if (value != null) {
            out.add("{" + name + " = " + value + "}");
        }
    }

    private static void addOptional(StringJoiner out, String name, Getter getter) throws DrmaaException {
        try {
            add(out, name, getter.get());
        } catch (UnsupportedAttributeException e) {
            // Unsupported optional properties have no value to show.
        }
    }

    private static String quoted(Iterable<String> values) {
        if (values == null) {
            return null;
        }
        StringJoiner joined = new StringJoiner(", ");
        values.forEach(v -> joined.add("\"" + v + "\""));
        return joined.length() == 0 ? null : joined.toString();
    }

    private static String formatted(PartialTimestamp time) {
        return time == null ? null : "\"" + new PartialTimestampFormat().format(time) + "\"";
    }

    private static String seconds(long limit) {
        return limit == 0L ? null : limit + "s";
    }

    private static UnsupportedAttributeException unsupported(String name) {
        return new UnsupportedAttributeException("the optional attribute " + name
                + " is not supported by this job template");
    }

    /** The file-path part of {@code [hostname]:file_path}, or the whole value if it has no colon. */
    private static String pathPart(String value) {
        int colon = value.indexOf(':');
        return colon >= 0 ? value.substring(colon + 1) : value;
    }

    private static void checkStreamPath(String name, String value) throws InvalidAttributeFormatException {
        if (value != null) {
            String path = pathPart(value);
            requireOnlyAtStart(name, value, path, HOME_DIRECTORY);
            requireOnlyAtStart(name, value, path, WORKING_DIRECTORY);
        }
    }

    private static void requireOnlyAtStart(String name, String value, String path, String placeholder)
            throws InvalidAttributeFormatException {
        if (path.indexOf(placeholder, 1) >= 0) {
            throw new InvalidAttributeFormatException(name + ": " + placeholder
                    + " may only appear at the start of the path, got \"" + value + "\"");
        }
    }
}
