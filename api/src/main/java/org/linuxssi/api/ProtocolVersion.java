package org.linuxssi.api;

/** A protocol version "major.minor": majors must match, minors interoperate. */
public record ProtocolVersion(int major, int minor) {

    /** The version this build speaks. */
    public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 0);

    public ProtocolVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative protocol version " + major + "." + minor);
        }
    }

    /** Parses "major.minor"; throws IllegalArgumentException naming the text when it is not one. */
    public static ProtocolVersion parse(String text) {
        if (text != null) {
            String[] parts = text.trim().split("\\.");
            if (parts.length == 2) {
                try {
                    return new ProtocolVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a protocol version (expected MAJOR.MINOR)");
    }

    public boolean interoperatesWith(ProtocolVersion other) {
        return major == other.major;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
