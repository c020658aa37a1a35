package org.linuxssi.node.drmaa;

import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.node.rpc.PeerChannels;

/**
 * Delivers a control action to a job's process group on its node (NodeAgent.SignalLocal):
 * suspend is SIGSTOP, resume SIGCONT, terminate SIGKILL. Ownership was checked in the job table.
 */
public final class JobSignals {

    public static final int SIGKILL = 9;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    private static final long TIMEOUT_MILLIS = 5000;

    private final PeerChannels peers;

    public JobSignals(PeerChannels peers) {
        this.peers = peers;
    }

    /** The signal that carries out {@code action} on a running job; 0 for actions that need none. */
    public static int of(JobAction action) {
        return switch (action) {
            case JOB_SUSPEND -> SIGSTOP;
            case JOB_RESUME -> SIGCONT;
            case JOB_TERMINATE -> SIGKILL;
            default -> 0;
        };
    }

    /** Sends {@code signal} to process {@code gpid} on the daemon at {@code address}; empty when delivered. */
    public Optional<String> send(String address, long gpid, int signal) {
        try {
            SignalReply reply = peers.nodeAgent(address, TIMEOUT_MILLIS).signalLocal(SignalRequest.newBuilder()
                    .addGpids(gpid).setSignal(signal).build());
            String error = reply.getResultsCount() == 0 ? "no answer" : reply.getResults(0).getError();
            return error.isEmpty() ? Optional.empty() : Optional.of("signal " + signal + " to " + gpid + ": " + error);
        } catch (StatusRuntimeException e) {
            return Optional.of("signal " + signal + " to " + gpid + " at " + address + ": " + e.getStatus());
        }
    }
}
