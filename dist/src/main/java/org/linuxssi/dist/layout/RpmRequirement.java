package org.linuxssi.dist.layout;

import java.util.EnumSet;
import java.util.Set;

/**
 * One RPM Requires: a capability, optionally compared with a version, needed at run time or only
 * by some scriptlets (Requires(post) and the like).
 *
 * @param name       a package, a virtual capability, a file or a rich dependency "(a or b)"
 * @param operator   "", "=" or ">="
 * @param version    compared version ([epoch:]version[-release]); empty without operator
 * @param scriptlets the scriptlets that need it; empty: the package needs it at run time
 */
public record RpmRequirement(String name, String operator, String version, Set<Scriptlet> scriptlets) {

    /** The RPM scriptlets a package may carry; the name is the file name under dist/rpm/PACKAGE/. */
    public enum Scriptlet { PRE, POST, PREUN, POSTUN;

        public String fileName() {
            return name().toLowerCase();
        }
    }

    public static RpmRequirement of(String name) {
        return new RpmRequirement(name, "", "", Set.of());
    }

    public static RpmRequirement exactly(String name, String version) {
        return new RpmRequirement(name, "=", version, Set.of());
    }

    public static RpmRequirement forScriptlets(String name, Scriptlet first, Scriptlet... more) {
        return new RpmRequirement(name, "", "", EnumSet.of(first, more));
    }

    /** As rpm -qR prints it: "name", "name = 1.0-1". */
    @Override
    public String toString() {
        return operator.isEmpty() ? name : name + " " + operator + " " + version;
    }
}
