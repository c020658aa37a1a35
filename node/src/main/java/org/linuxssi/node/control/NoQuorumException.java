package org.linuxssi.node.control;

/** The replicated state could not be read or changed in time: no leader, or no majority behind it. */
public final class NoQuorumException extends Exception {

    public NoQuorumException(String message) {
        super(message);
    }
}
