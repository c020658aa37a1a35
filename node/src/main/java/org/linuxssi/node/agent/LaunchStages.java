package org.linuxssi.node.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timestamps of the stages of a launch on its target, for the launch benchmark: with the logger
 * {@code linuxssi.stages} at DEBUG ({@code LINUXSSI_STAGES=DEBUG} in the daemon's environment) each
 * stage logs {@code stage NAME GPID NANOTIME}. {@code System.nanoTime} is {@code CLOCK_MONOTONIC}, one
 * clock for every process of the machine, so the benchmark lines these up with its own. Off, a
 * stage costs one level check.
 */
public final class LaunchStages {

    private static final Logger LOG = LoggerFactory.getLogger("linuxssi.stages");

    private LaunchStages() {
    }

    public static boolean enabled() {
        return LOG.isDebugEnabled();
    }

    public static void mark(String stage, long gpid) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("stage {} {} {}", stage, gpid, System.nanoTime());
        }
    }

    /** Ties a DRMAA job to its process, so that its job stages and its process stages line up. */
    public static void job(long jobId, long gpid) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("job {} is process {}", jobId, gpid);
        }
    }

    /** A stage that happened at {@code epochMs} (the shepherd's clock: ms since the epoch), on the nanoTime scale. */
    public static void markWallClock(String stage, long gpid, long epochMs) {
        if (LOG.isDebugEnabled()) {
            long nanos = System.nanoTime() - (System.currentTimeMillis() - epochMs) * 1_000_000;
            LOG.debug("stage {} {} {}", stage, gpid, nanos);
        }
    }
}
