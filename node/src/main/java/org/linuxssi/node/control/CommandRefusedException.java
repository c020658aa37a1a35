package org.linuxssi.node.control;

/** The state machine applied a command and refused it; the message says why. */
public final class CommandRefusedException extends Exception {

    public CommandRefusedException(String message) {
        super(message);
    }
}
