package org.linuxssi.tools;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in this machine's time zone, which it looks up on first use only: finding the
 * zone reads the time-zone database, a tenth of krgrun's start, and krgrun never asks for it.
 */
final class LocalClock extends Clock {

    private volatile ZoneId zone;

    @Override
    public ZoneId getZone() {
        ZoneId known = zone;
        if (known == null) {
            known = ZoneId.systemDefault();
            zone = known;
        }
        return known;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(other);
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }
}
