package org.linuxssi.node.scheduler;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a process where it is for balancer_process_interval after the balancer moved it (no ping-pong) or after
 * its migration failed (a process CRIU refuses is not retried every round).
 */
final class CooldownFilter implements MoveFilter {

    private final long intervalMs;
    private final Map<Long, Long> since = new HashMap<>();

    CooldownFilter(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    void touched(long gpid, long nowMs) {
        since.put(gpid, nowMs);
        since.values().removeIf(at -> nowMs - at >= intervalMs);
    }

    @Override
    public boolean allows(LoadedProcess process, long nowMs) {
        Long at = since.get(process.gpid());
        return at == null || nowMs - at >= intervalMs;
    }
}
