package org.linuxssi.tools;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/** A SignalTrap for tests: traps nothing real, and lets the test deliver signals to the tool's handler. */
public final class RecordingSignalTrap implements SignalTrap {

    public final CompletableFuture<List<String>> trapped = new CompletableFuture<>();
    public volatile boolean released;
    private volatile IntConsumer handler;

    @Override
    public Trapped trap(List<String> names, IntConsumer handler) {
        this.handler = handler;
        trapped.complete(List.copyOf(names));
        return new Trapped(names, () -> released = true);
    }

    /** Runs the tool's handler as the arrival of signal {@code number} would. */
    public void deliver(int number) {
        handler.accept(number);
    }
}
