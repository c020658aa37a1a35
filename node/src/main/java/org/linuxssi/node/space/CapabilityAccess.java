package org.linuxssi.node.space;

import io.grpc.Status;
import java.util.Optional;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.CapabilitiesReply;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.SetProcessCapabilities;
import org.linuxssi.api.v1.state.ClusterCommand;
import org.linuxssi.api.v1.state.ProcessEntry;
import org.linuxssi.node.agent.GlobalPid;
import org.linuxssi.node.agent.ProcReader;
import org.linuxssi.node.capability.KerrighedCapabilities;
import org.linuxssi.node.control.CommandRefusedException;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.control.ProcessDirectory;

/**
 * Reads and changes the capability sets of one process for krgcapset: the calling shell, a pid on
 * this node, or a global PID anywhere (kept in the process directory). Owner or root only.
 */
public final class CapabilityAccess {

    private static final java.time.Duration WRITE = java.time.Duration.ofSeconds(6);

    private final ProcessSpace space;
    private final ProcReader proc;

    public CapabilityAccess(ProcessSpace space, ProcReader proc) {
        this.space = space;
        this.proc = proc;
    }

    public CapabilitiesReply get(long pid, CallerCredentials caller) throws NoQuorumException {
        Target target = target(pid, caller);
        return CapabilitiesReply.newBuilder().setPid(target.pid).setSets(target.sets).build();
    }

    public CapabilitiesReply set(long pid, CapabilitySets wanted, CallerCredentials caller)
            throws NoQuorumException {
        Target target = target(pid, caller);
        if (!caller.isRoot() && caller.uid() != target.uid) {
            throw DaemonError.of(Status.Code.PERMISSION_DENIED, "process " + target.pid + " belongs to another "
                    + "user: only its owner or root may change its capabilities");
        }
        Optional<String> refusal = KerrighedCapabilities.refusal(target.sets, wanted, caller.isRoot());
        if (refusal.isPresent()) {
            throw DaemonError.of(Status.Code.PERMISSION_DENIED, "capabilities of process " + target.pid
                    + " not changed: " + refusal.get());
        }
        if (target.global) {
            try {
                space.directory().controlPlane().submit(ClusterCommand.newBuilder().setSetProcessCapabilities(
                        SetProcessCapabilities.newBuilder().setGpid(target.pid).setSets(wanted)).build(), WRITE);
            } catch (CommandRefusedException e) {
                throw DaemonError.of(Status.Code.NOT_FOUND, e.getMessage());
            }
        } else if (!space.capabilities().set(target.pid, wanted)) {
            throw noLocalProcess(target.pid);
        }
        return CapabilitiesReply.newBuilder().setPid(target.pid).setSets(wanted).build();
    }

    private record Target(long pid, boolean global, int uid, CapabilitySets sets) {
    }

    private Target target(long pid, CallerCredentials caller) throws NoQuorumException {
        if (pid == 0) {
            long parent = space.capabilities().parentOf(caller.pid()).orElseThrow(() -> DaemonError.of(
                    Status.Code.NOT_FOUND, "the calling process " + caller.pid() + " has no parent on node "
                            + space.nodeId()));
            return local(parent);
        }
        if (pid < GlobalPid.NODE_FACTOR) {
            return local(pid);
        }
        Optional<ProcessEntry> entry = ProcessDirectory.entry(space.directory().read(), pid)
                .filter(e -> !e.getExited());
        if (entry.isEmpty()) {
            throw DaemonError.of(Status.Code.NOT_FOUND, "no process " + pid + " in the cluster (see krgps)");
        }
        CapabilitySets sets = entry.get().hasCapabilities() ? entry.get().getCapabilities()
                : KerrighedCapabilities.childOf(KerrighedCapabilities.DEFAULT);
        return new Target(pid, true, entry.get().getUid(), sets);
    }

    private Target local(long pid) {
        Optional<CapabilitySets> sets = space.capabilities().of(pid);
        Optional<Integer> uid = proc.uid(pid);
        if (sets.isEmpty() || uid.isEmpty()) {
            throw noLocalProcess(pid);
        }
        return new Target(pid, false, uid.get(), sets.get());
    }

    private io.grpc.StatusRuntimeException noLocalProcess(long pid) {
        return DaemonError.of(Status.Code.NOT_FOUND, "no process " + pid + " on node " + space.nodeId()
                + " (a process of another node is named by its global PID, see krgps)");
    }
}
