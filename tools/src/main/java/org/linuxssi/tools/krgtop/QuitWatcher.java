package org.linuxssi.tools.krgtop;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.linuxssi.tools.SignalTrap;

/** Interactive krgtop's way out: the q key, or Ctrl-C (SIGINT) and SIGTERM, which end it with status 0. */
final class QuitWatcher implements AutoCloseable {

    private final CountDownLatch quit = new CountDownLatch(1);
    private final SignalTrap.Trapped trapped;

    private QuitWatcher(SignalTrap signals) {
        trapped = signals.trap(List.of("INT", "TERM"), signal -> quit.countDown());
    }

    /** Starts watching {@code keys} (on a daemon thread: a read cannot be interrupted) and the signals. */
    static QuitWatcher start(InputStream keys, SignalTrap signals) {
        QuitWatcher watcher = new QuitWatcher(signals);
        Thread.ofPlatform().daemon().name("krgtop-keys").start(() -> watcher.readKeys(keys));
        return watcher;
    }

    /** Waits up to {@code delay}; true when the user asked to quit. */
    boolean awaitQuit(Duration delay) throws InterruptedException {
        return quit.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void readKeys(InputStream keys) {
        try {
            int key;
            while ((key = keys.read()) >= 0) {
                if (key == 'q' || key == 'Q') {
                    quit.countDown();
                    return;
                }
            }
        } catch (IOException e) {
            // No keys to read: Ctrl-C still ends krgtop.
        }
    }

    @Override
    public void close() {
        trapped.close();
    }
}
