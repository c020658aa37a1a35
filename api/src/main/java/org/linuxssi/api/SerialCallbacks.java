package org.linuxssi.api;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one connection's callbacks one at a time, in the order given, on virtual threads: like the
 * serializing executor gRPC gives each call, so a service sees its inputs, readiness and
 * cancellation one after the other and never on the transport's event loop.
 */
final class SerialCallbacks {

    private static final System.Logger LOG = System.getLogger(SerialCallbacks.class.getName());

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final String name;

    SerialCallbacks(String name) {
        this.name = name;
    }

    void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name).start(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A failing callback must not stop the ones after it (gRPC's executor logs and goes on too).
                    LOG.log(System.Logger.Level.WARNING, name + ": callback failed", e);
                }
            }
        } finally {
            running.set(false);
        }
        // A task added after the last poll and before the flag was cleared must not wait for the next one.
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
