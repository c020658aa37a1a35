package org.linuxssi.node.capability;

import java.util.Optional;
import org.linuxssi.api.v1.CapabilitySets;

/**
 * Kerrighed's capability rules, re-created from its behaviour: what a child inherits, which changes
 * are allowed, and the sets of a process nobody has set.
 */
public final class KerrighedCapabilities {

    public static final int CHANGE_KERRIGHED_CAP = 1;
    public static final int CAN_MIGRATE = 1 << 1;
    public static final int DISTANT_FORK = 1 << 2;
    public static final int CHECKPOINTABLE = 1 << 4;
    /** The capabilities LinuxSSI implements. */
    public static final int SUPPORTED = CHANGE_KERRIGHED_CAP | CAN_MIGRATE | DISTANT_FORK | CHECKPOINTABLE;

    /**
     * Everything permitted; in effect only the right to change one's capabilities and, unlike Kerrighed,
     * DISTANT_FORK, so that krgrun keeps placing programs through the scheduler until a user removes it.
     */
    public static final CapabilitySets DEFAULT = CapabilitySets.newBuilder()
            .setPermitted(SUPPORTED).setEffective(CHANGE_KERRIGHED_CAP | DISTANT_FORK)
            .setInheritablePermitted(SUPPORTED).setInheritableEffective(CHANGE_KERRIGHED_CAP | DISTANT_FORK)
            .build();

    private KerrighedCapabilities() {
    }

    /**
     * The sets of a child of a process with {@code parent}: permitted is the parent's
     * inheritable-permitted, effective its inheritable-effective within that, the inheritable sets
     * are passed on unchanged.
     */
    public static CapabilitySets childOf(CapabilitySets parent) {
        int permitted = parent.getInheritablePermitted();
        return CapabilitySets.newBuilder()
                .setPermitted(permitted)
                .setEffective(parent.getInheritableEffective() & permitted)
                .setInheritablePermitted(permitted)
                .setInheritableEffective(parent.getInheritableEffective())
                .build();
    }

    /**
     * Why Kerrighed would refuse to replace {@code current} by {@code wanted}, or empty when allowed.
     * Root may raise permitted sets; nobody may change sets without CHANGE_KERRIGHED_CAP in effect.
     */
    public static Optional<String> refusal(CapabilitySets current, CapabilitySets wanted, boolean root) {
        if ((current.getEffective() & CHANGE_KERRIGHED_CAP) == 0) {
            return Optional.of("CHANGE_KERRIGHED_CAP is not in the effective set (" + octal(current.getEffective())
                    + "): the capabilities of this process cannot be changed");
        }
        int unsupported = (wanted.getPermitted() | wanted.getEffective() | wanted.getInheritablePermitted()
                | wanted.getInheritableEffective()) & ~SUPPORTED;
        if (unsupported != 0) {
            return Optional.of("capabilities " + octal(unsupported) + " are not supported by LinuxSSI (supported: "
                    + octal(SUPPORTED) + ")");
        }
        if (!subset(wanted.getEffective(), wanted.getPermitted())) {
            return Optional.of("effective " + octal(wanted.getEffective()) + " is not within permitted "
                    + octal(wanted.getPermitted()));
        }
        if (!subset(wanted.getInheritableEffective(), wanted.getInheritablePermitted())) {
            return Optional.of("inheritable effective " + octal(wanted.getInheritableEffective())
                    + " is not within inheritable permitted " + octal(wanted.getInheritablePermitted()));
        }
        if (!root && !subset(wanted.getPermitted(), current.getPermitted())) {
            return Optional.of("permitted " + octal(wanted.getPermitted()) + " adds to the current permitted "
                    + octal(current.getPermitted()) + " (only root may raise permitted capabilities)");
        }
        if (!root && !subset(wanted.getInheritablePermitted(), current.getPermitted()
                | current.getInheritablePermitted())) {
            return Optional.of("inheritable permitted " + octal(wanted.getInheritablePermitted())
                    + " adds to what this process may pass on (" + octal(current.getPermitted()
                    | current.getInheritablePermitted()) + "; only root may raise it)");
        }
        return Optional.empty();
    }

    public static boolean has(CapabilitySets sets, int capability) {
        return (sets.getEffective() & capability) != 0;
    }

    private static boolean subset(int part, int whole) {
        return (part & ~whole) == 0;
    }

    static String octal(int value) {
        return "0" + Integer.toOctalString(value);
    }
}
