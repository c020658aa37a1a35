package org.linuxssi.node.scheduler;

/** No node can take a new process; the message is the one line a user reads. */
public final class PlacementException extends Exception {

    public PlacementException(String message) {
        super(message);
    }
}
