package org.ggf.drmaa;

import java.io.Serializable;

/**
 * A DRMAA version number, {@code major.minor}; ordered by major, then minor.
 */
public class Version implements Serializable, Cloneable, Comparable<Version> {
    private static final long serialVersionUID = 1L;

    private final int major;
    private final int minor;

    /**
     * Creates a version number.
     * @param major the major number, not negative
     * @param minor the minor number, not negative
     * @throws IllegalArgumentException if either number is negative
     */
    public Version(int major, int minor) {
        if (major < 0) {
            throw new IllegalArgumentException("major version must not be negative, got " + major);
        }
        if (minor < 0) {
            throw new IllegalArgumentException("minor version must not be negative, got " + minor);
        }
        this.major = major;
        this.minor = minor;
    }

    /**
     * Returns the major version number.
     * @return the major number
     */
    public int getMajor() {
        return major;
    }

    /**
     * Returns the minor version number.
     * @return the minor number
     */
    public int getMinor() {
        return minor;
    }

    /**
     * Returns the version as {@code major.minor}, for example {@code 1.0}.
     * @return the printable version
     */
    @Override
    public String toString() {
        return major + "." + minor;
    }

    /**
     * Two versions are equal when both their major and minor numbers are.
     * @param obj the object to compare with
     * @return whether obj is a Version with the same numbers
     */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof Version other && other.major == major && other.minor == minor;
    }

    /**
     * Returns a hash code consistent with {@link #equals}.
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * major + minor;
    }

    /**
     * Returns a copy of this version.
     * @return the copy
     */
    @Override
    public Object clone() {
        try {
            return super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("Version is Cloneable", e);
        }
    }

    /**
     * Orders versions by major number, then minor number.
     * @param other the version to compare with
     * @return negative, zero or positive as this version is lower than, equal to or higher than other
     */
    @Override
    public int compareTo(Version other) {
        int byMajor = Integer.compare(major, other.major);
        return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
    }
}
