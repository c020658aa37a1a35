package org.linuxssi.node.scheduler;

/** How the balancer migrates: the daemon's own migrate path (checks, CRIU dump, transfer, restore). */
@FunctionalInterface
public interface ProcessMover {

    /** Moves the process and returns when it runs on the node; a refusal or failure is one line. */
    void move(long gpid, int toNode) throws MigrationFailedException;
}
