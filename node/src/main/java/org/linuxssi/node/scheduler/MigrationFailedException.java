package org.linuxssi.node.scheduler;

/** A migration the balancer asked for did not happen; the message says why in one line. */
public final class MigrationFailedException extends Exception {

    public MigrationFailedException(String message) {
        super(message);
    }
}
