package org.linuxssi.tools;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Waits for a growing count (bytes read, bytes sent) to stop growing: flow control has pushed back. */
public final class Stall {

    private Stall() {
    }

    /** The count once it has not changed for three polls 100 ms apart; fails after 20 s of growth. */
    public static long awaitStable(LongSupplier count) {
        AtomicLong last = new AtomicLong(-1);
        AtomicInteger unchanged = new AtomicInteger();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = count.getAsLong();
            if (now > 0 && now == last.getAndSet(now)) {
                return unchanged.incrementAndGet() >= 3;
            }
            unchanged.set(0);
            return false;
        });
        return count.getAsLong();
    }
}
