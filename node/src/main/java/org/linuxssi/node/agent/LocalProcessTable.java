package org.linuxssi.node.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes this node runs or ran and still holds the state of: one entry per directory
 * {@code state_dir/procs/GPID}, from launch (or re-adoption) until the directory is removed.
 */
public final class LocalProcessTable {

    private final Path procs;
    private final Map<Long, LocalProcess> byGpid = new ConcurrentHashMap<>();

    /** @param procs the directory holding one state directory per process */
    public LocalProcessTable(Path procs) {
        this.procs = procs.toAbsolutePath().normalize();
    }

    public Path procs() {
        return procs;
    }

    /** Where the state of process {@code gpid} lives. */
    public Path dirOf(long gpid) {
        return procs.resolve(Long.toString(gpid));
    }

    public void add(LocalProcess process) {
        byGpid.put(process.gpid(), process);
    }

    public void remove(LocalProcess process) {
        byGpid.remove(process.gpid(), process);
    }

    public Optional<LocalProcess> get(long gpid) {
        return Optional.ofNullable(byGpid.get(gpid));
    }

    /** Every process of the table, in no particular order. */
    public Collection<LocalProcess> all() {
        return List.copyOf(byGpid.values());
    }

    /** The processes whose program still runs. */
    public List<LocalProcess> running() {
        List<LocalProcess> running = new ArrayList<>();
        for (LocalProcess process : byGpid.values()) {
            if (process.isRunning()) {
                running.add(process);
            }
        }
        return running;
    }
}
