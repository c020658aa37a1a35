package org.linuxssi.api;

/** A program that speaks the protocol, and the package that ships it. */
public record Component(String name, String packageName, ProtocolVersion version) {

    public static final String DAEMON = "linuxssid";
    public static final String NODE_PACKAGE = "linuxssi-node";
    public static final String TOOLS_PACKAGE = "linuxssi-tools";

    /** The running daemon at this build's version. */
    public static Component daemon() {
        return new Component(DAEMON, NODE_PACKAGE, ProtocolVersion.CURRENT);
    }

    /** A command of linuxssi-tools at this build's version. */
    public static Component tool(String name) {
        return new Component(name, TOOLS_PACKAGE, ProtocolVersion.CURRENT);
    }

    /** The package name of a component known only by name (from a peer's metadata). */
    public static String packageOf(String componentName) {
        return DAEMON.equals(componentName) ? NODE_PACKAGE : TOOLS_PACKAGE;
    }
}
