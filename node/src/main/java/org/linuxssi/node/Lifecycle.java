package org.linuxssi.node;

import java.util.concurrent.CompletableFuture;
import org.linuxssi.api.v1.PowerAction;

/** How the running daemon is asked to stop: poweroff ends the process, reboot starts it again. */
public final class Lifecycle {

    private final CompletableFuture<PowerAction> stop = new CompletableFuture<>();

    public void request(PowerAction action) {
        stop.complete(action);
    }

    /** True once poweroff or reboot was asked for: start-up loops give up waiting. */
    public boolean isRequested() {
        return stop.isDone();
    }

    public PowerAction await() throws InterruptedException {
        try {
            return stop.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return PowerAction.POWEROFF;
        }
    }
}
