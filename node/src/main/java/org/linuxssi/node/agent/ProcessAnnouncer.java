package org.linuxssi.node.agent;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.LocalProcess.Marker;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts this node's new processes in the replicated process directory without holding up their
 * start: the caller gets {@code started} while the ProcessStarted write commits (group-committed with
 * this node's other starts and exits). At most one write per process is in flight, so a retry can
 * never land after the exit it precedes; the exit itself is recorded only once the process is
 * {@link Marker#ANNOUNCED}, and a write that failed (no quorum) is tried again by the
 * {@link ExitMonitor}. A DRMAA job attempt's start may be refused (the job no longer waits for that
 * attempt): then the process is handed to the refusal handler, which stops it.
 */
final class ProcessAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessAnnouncer.class);

    private final ProcessDirectory directory;
    private final ChangeSignal announced;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Entries richer than the process record (capabilities...), kept until they are announced. */
    private final Map<Long, ProcessEntry> pending = new ConcurrentHashMap<>();

    /** What becomes of a process whose start the state machine refused, and why it did. */
    interface Refusal {
        void refused(LocalProcess process, String why);
    }

    private final Refusal refusal;

    /**
     * @param announced signalled after each announcement, so that an exit waiting for it is recorded
     * @param refusal   told of each start the state machine refused
     */
    ProcessAnnouncer(ProcessDirectory directory, ChangeSignal announced, Refusal refusal) {
        this.directory = directory;
        this.announced = announced;
        this.refusal = refusal;
    }

    /** Starts the announcement of {@code process} as {@code entry} unless it is done or under way. */
    void announce(LocalProcess process, ProcessEntry entry) {
        pending.put(process.gpid(), entry);
        retry(process);
    }

    /**
     * Starts again an announcement asked for with {@link #announce} that has not committed yet.
     * Nothing else: a process nobody asked to announce is never announced from here, so no second,
     * poorer entry can overwrite the one its launch recorded.
     */
    void retry(LocalProcess process) {
        ProcessEntry entry = pending.get(process.gpid());
        if (entry == null || process.has(Marker.ANNOUNCED) || !inFlight.add(process.gpid())) {
            return;
        }
        Thread.ofVirtual().name("announce-" + process.gpid()).start(() -> {
            try {
                directory.recordStarted(entry);
                process.mark(Marker.ANNOUNCED);
                pending.remove(process.gpid());
                LaunchStages.mark("job-announced", process.gpid());
                announced.signal();
            } catch (NoQuorumException e) {
                LOG.debug("process {} not in the directory yet: {}", process.gpid(), e.getMessage());
            } catch (CommandRefusedException e) {
                if (entry.getDrmaaJobId() != 0) {
                    pending.remove(process.gpid());
                    refusal.refused(process, e.getMessage());
                } else {
                    LOG.warn("process {} not in the directory yet: {}", process.gpid(), e.getMessage());
                }
            } catch (IOException e) {
                LOG.warn("process {} not in the directory yet: {}", process.gpid(), e.getMessage());
            } finally {
                inFlight.remove(process.gpid());
            }
        });
    }
}
