package org.linuxssi.drmaa;

import java.util.LinkedHashSet;
import java.util.Set;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.InvalidAttributeFormatException;
import org.ggf.drmaa.InvalidAttributeValueException;
import org.ggf.drmaa.SimpleJobTemplate;

/**
 * A job template of one LinuxSSI session: the binding's {@link SimpleJobTemplate} plus the two
 * hard time limits (a job is killed when it has run that many seconds; LinuxSSI makes no
 * difference between wall-clock and run duration) and a native specification checked when set.
 * The other optional attributes are unsupported and say so.
 */
public final class LinuxSsiJobTemplate extends SimpleJobTemplate {

    private static final long serialVersionUID = 1L;

    private final transient LinuxSsiSession owner;
    private boolean deleted;
    private long hardWallclockLimit;
    private long hardRunLimit;
    private NativeSpecification placement = new NativeSpecification(0, 0, "", false);

    LinuxSsiJobTemplate(LinuxSsiSession owner) {
        this.owner = owner;
    }

    boolean belongsTo(LinuxSsiSession session) {
        return owner == session && !deleted;
    }

    void delete() {
        deleted = true;
    }

    NativeSpecification placement() {
        return placement;
    }

    /** The kill limit in seconds: the smaller of the two limits that are set; 0 when none is. */
    long limitSeconds() {
        if (hardWallclockLimit == 0 || hardRunLimit == 0) {
            return Math.max(hardWallclockLimit, hardRunLimit);
        }
        return Math.min(hardWallclockLimit, hardRunLimit);
    }

    /** {@inheritDoc} Checked here: unknown options are refused by name. */
    @Override
    public void setNativeSpecification(String spec) throws DrmaaException {
        NativeSpecification parsed = NativeSpecification.parse(spec);
        super.setNativeSpecification(spec);
        placement = parsed;
    }

    /** {@inheritDoc} Here the path must be absolute or start with a directory placeholder. */
    @Override
    public void setInputPath(String path) throws DrmaaException {
        super.setInputPath(checkedPath("inputPath", path));
    }

    /** {@inheritDoc} Here the path must be absolute or start with a directory placeholder. */
    @Override
    public void setOutputPath(String path) throws DrmaaException {
        super.setOutputPath(checkedPath("outputPath", path));
    }

    /** {@inheritDoc} Here the path must be absolute or start with a directory placeholder. */
    @Override
    public void setErrorPath(String path) throws DrmaaException {
        super.setErrorPath(checkedPath("errorPath", path));
    }

    /** {@code [host]:path}: the path, the part after the first colon, is what must be absolute. */
    private static String checkedPath(String name, String value) throws InvalidAttributeFormatException {
        if (value == null) {
            return null;
        }
        String path = value.startsWith("/") || value.startsWith("$") || value.indexOf(':') < 0 ? value
                : value.substring(value.indexOf(':') + 1);
        if (!path.startsWith("/") && !path.startsWith(HOME_DIRECTORY) && !path.startsWith(WORKING_DIRECTORY)) {
            throw new InvalidAttributeFormatException(name + " '" + value + "' is not [host]:PATH with PATH "
                    + "absolute or starting with " + HOME_DIRECTORY + " or " + WORKING_DIRECTORY);
        }
        return value;
    }

    @Override
    public void setHardWallclockTimeLimit(long seconds) throws DrmaaException {
        hardWallclockLimit = limit("hardWallclockTimeLimit", seconds);
        modified();
    }

    @Override
    public long getHardWallclockTimeLimit() {
        return hardWallclockLimit;
    }

    @Override
    public void setHardRunDurationLimit(long seconds) throws DrmaaException {
        hardRunLimit = limit("hardRunDurationLimit", seconds);
        modified();
    }

    @Override
    public long getHardRunDurationLimit() {
        return hardRunLimit;
    }

    @Override
    protected Set<String> getOptionalAttributeNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("hardWallclockTimeLimit");
        names.add("hardRunDurationLimit");
        return names;
    }

    private static long limit(String name, long seconds) throws InvalidAttributeValueException {
        if (seconds < 0) {
            throw new InvalidAttributeValueException(name + " " + seconds
                    + " is negative (allowed: seconds > 0, or 0 for no limit)");
        }
        return seconds;
    }
}
