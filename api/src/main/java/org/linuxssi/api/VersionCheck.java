package org.linuxssi.api;

import java.util.Optional;

/**
 * Decides whether a caller and a daemon may talk, and words the refusal.
 * The message names both programs and versions, the node, and what to install,
 * e.g. {@code krgadm 2.0 cannot talk to linuxssid 3.1 on node 4: install linuxssi-tools 3.x}.
 */
public final class VersionCheck {

    private VersionCheck() {
    }

    /**
     * Returns the refusal message when the two majors differ, empty when they may talk.
     *
     * @param caller        program that opened the exchange (e.g. krgadm, or linuxssid for a peer)
     * @param callerVersion its protocol version
     * @param callee        program that answers (linuxssid)
     * @param calleeVersion its protocol version
     * @param calleeNode    node id of the answering daemon, 0 when unknown
     */
    public static Optional<String> refusal(String caller, ProtocolVersion callerVersion,
                                           String callee, ProtocolVersion calleeVersion, int calleeNode) {
        if (callerVersion.interoperatesWith(calleeVersion)) {
            return Optional.empty();
        }
        String where = calleeNode > 0 ? " on node " + calleeNode : "";
        String advice;
        if (callerVersion.major() < calleeVersion.major()) {
            advice = "install " + Component.packageOf(caller) + " " + calleeVersion.major() + ".x";
            if (Component.DAEMON.equals(caller)) {
                advice += " on this node";
            }
        } else {
            advice = "install " + Component.packageOf(callee) + " " + callerVersion.major() + ".x" + where;
        }
        return Optional.of(caller + " " + callerVersion + " cannot talk to " + callee + " " + calleeVersion
                + where + ": " + advice);
    }
}
