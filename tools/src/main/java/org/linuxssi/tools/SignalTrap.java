package org.linuxssi.tools;

import java.util.List;
import java.util.function.IntConsumer;

/** Takes signals sent to the tool's own process away from their default action and hands them to a handler. */
public interface SignalTrap {

    /** Traps nothing: for tools run inside another program, whose signals are not theirs to take. */
    SignalTrap NONE = (names, handler) -> new Trapped(List.of(), () -> { });

    /**
     * Traps the named signals (INT, TSTP ...); {@code handler} gets each arrival's number, on a thread of
     * its own. Signals the JVM keeps for itself are left out of the result.
     */
    Trapped trap(List<String> names, IntConsumer handler);

    /** The signals that were trapped; closing puts their previous handling back. */
    record Trapped(List<String> names, Runnable release) implements AutoCloseable {

        public Trapped {
            names = List.copyOf(names);
        }

        @Override
        public void close() {
            release.run();
        }
    }
}
