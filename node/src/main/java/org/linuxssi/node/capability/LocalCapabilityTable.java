package org.linuxssi.node.capability;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.linuxssi.api.v1.CapabilitySets;

/**
 * Capability sets of this node's processes that LinuxSSI did not start (the shells users type
 * krgcapset and krgrun in), keyed by pid and start time so that a reused pid starts afresh. A
 * process without an entry has the sets its nearest recorded ancestor passes on, or the default.
 */
public final class LocalCapabilityTable {

    private static final int MAX_ENTRIES = 10_000;

    private final ProcessAncestry ancestry;
    private final Map<Key, CapabilitySets> sets = new HashMap<>();

    public LocalCapabilityTable(ProcessAncestry ancestry) {
        this.ancestry = ancestry;
    }

    private record Key(long pid, long startTicks) {
    }

    /** The sets of local process {@code pid}, or empty when there is no such process. */
    public synchronized Optional<CapabilitySets> of(long pid) {
        Optional<ProcessAncestry.Entry> entry = ancestry.of(pid);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resolve(entry.get()));
    }

    /** The sets of {@code pid}'s parent: krgcapset without -k acts on the shell that ran it. */
    public synchronized Optional<Long> parentOf(long pid) {
        return ancestry.of(pid).map(ProcessAncestry.Entry::parent).filter(parent -> parent > 0);
    }

    /** Replaces the sets of local process {@code pid}; false when it does not exist. */
    public synchronized boolean set(long pid, CapabilitySets value) {
        Optional<ProcessAncestry.Entry> entry = ancestry.of(pid);
        if (entry.isEmpty()) {
            return false;
        }
        if (sets.size() >= MAX_ENTRIES) {
            forgetDead();
        }
        sets.put(new Key(pid, entry.get().startTicks()), value);
        return true;
    }

    /**
     * The sets a program started for {@code callerPid} (krgrun) begins with: a child of the caller,
     * whose own sets come from its nearest recorded ancestor.
     */
    public synchronized CapabilitySets forChildOf(long callerPid) {
        return KerrighedCapabilities.childOf(ancestry.of(callerPid).map(this::resolve)
                .orElse(KerrighedCapabilities.DEFAULT));
    }

    private CapabilitySets resolve(ProcessAncestry.Entry entry) {
        CapabilitySets own = sets.get(new Key(entry.pid(), entry.startTicks()));
        if (own != null) {
            return own;
        }
        ProcessAncestry.Entry current = entry;
        // Inheriting twice gives what inheriting once gives, so the nearest recorded ancestor decides.
        for (int depth = 0; depth < 512 && current.parent() > 0; depth++) {
            Optional<ProcessAncestry.Entry> parent = ancestry.of(current.parent());
            if (parent.isEmpty()) {
                break;
            }
            CapabilitySets recorded = sets.get(new Key(parent.get().pid(), parent.get().startTicks()));
            if (recorded != null) {
                return KerrighedCapabilities.childOf(recorded);
            }
            current = parent.get();
        }
        return KerrighedCapabilities.DEFAULT;
    }

    private void forgetDead() {
        for (Iterator<Key> keys = sets.keySet().iterator(); keys.hasNext(); ) {
            Key key = keys.next();
            if (ancestry.of(key.pid()).map(e -> e.startTicks() != key.startTicks()).orElse(true)) {
                keys.remove();
            }
        }
    }
}
