package org.linuxssi.node.agent;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the readers of a process as soon as a file of its state directory changes (inotify through
 * the JDK's WatchService): the program wrote output, or the shepherd wrote {@code status}. Without
 * it everything still works, at the pace of the readers' fallback polling.
 */
public final class StateDirWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(StateDirWatcher.class);

    private final WatchService service;
    private final Runnable onStatus;
    private final Map<WatchKey, LocalProcess> watched = new ConcurrentHashMap<>();
    private final Map<Long, WatchKey> keys = new ConcurrentHashMap<>();
    private Thread thread;

    /** @param onStatus run when some process's {@code status} file appears */
    public StateDirWatcher(Runnable onStatus) {
        this.onStatus = onStatus;
        WatchService made = null;
        try {
            made = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            LOG.warn("no file change notifications ({}); process output is polled", e.getMessage());
        }
        this.service = made;
    }

    public void start() {
        if (service != null) {
            thread = Thread.ofPlatform().daemon().name("state-dir-watcher").start(this::run);
        }
    }

    public synchronized void watch(LocalProcess process) {
        if (service == null) {
            return;
        }
        try {
            WatchKey key = process.dir().dir().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            watched.put(key, process);
            keys.put(process.gpid(), key);
            // A short program may have ended before the watch existed: no event will come for its status.
            if (Files.exists(process.dir().status())) {
                process.changes().signal();
                onStatus.run();
            }
        } catch (IOException e) {
            LOG.debug("cannot watch {}: {}", process.dir().dir(), e.getMessage());
        }
    }

    /**
     * Stops waking the process's readers on every write to its state directory, while a relay behind
     * the program reads on without being told (inotify gives one event per write: thousands a second);
     * new files, {@code status} among them, still wake them. Until {@link #listen}.
     */
    public void quiet(LocalProcess process) {
        reregister(process, StandardWatchEventKinds.ENTRY_CREATE);
    }

    /** Wakes the process's readers on every change of its state directory again. */
    public void listen(LocalProcess process) {
        reregister(process, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /** Registering a watched directory again changes the events of its key (the same key). */
    private synchronized void reregister(LocalProcess process, WatchEvent.Kind<?>... kinds) {
        if (service == null || !keys.containsKey(process.gpid())) {
            return;
        }
        try {
            process.dir().dir().register(service, kinds);
        } catch (IOException e) {
            LOG.debug("cannot watch {}: {}", process.dir().dir(), e.getMessage());
        }
    }

    public synchronized void forget(LocalProcess process) {
        WatchKey key = keys.remove(process.gpid());
        if (key != null) {
            key.cancel();
            watched.remove(key);
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                LocalProcess process = watched.get(key);
                boolean status = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    status |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || "status".equals(String.valueOf(event.context()));
                }
                key.reset();
                if (process != null) {
                    if (status && LaunchStages.enabled()) {
                        LaunchStages.mark("status-seen", process.gpid());
                        markProgram(process);
                    }
                    process.changes().signal();
                }
                if (status) {
                    onStatus.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        }
    }

    /** For the launch benchmark: when the program started and ended, by the shepherd's clock (ms). */
    private static void markProgram(LocalProcess process) {
        try {
            process.dir().readStatus().ifPresent(s -> {
                LaunchStages.markWallClock("program-started", process.gpid(), s.startMs());
                LaunchStages.markWallClock("program-ended", process.gpid(), s.endMs());
            });
        } catch (IOException | RuntimeException e) {
            // only a benchmark figure lost
        }
    }

    @Override
    public void close() throws IOException {
        if (service != null) {
            service.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
