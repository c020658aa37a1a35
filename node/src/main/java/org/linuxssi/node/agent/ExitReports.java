package org.linuxssi.node.agent;

import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.shepherd.ShepherdStatus;

/** Turns the shepherd's status file into the {@link ProcessExit} a caller sees, with a one-line error for failures. */
public final class ExitReports {

    /** The status of a process whose node or supervisor was lost. */
    public static final int LOST = 255;

    private ExitReports() {
    }

    /** @param record the process: its program, identity, cwd and node are named in errors */
    public static ProcessExit of(ShepherdStatus status, ProcessRecord record) {
        ProcessExit.Builder exit = ProcessExit.newBuilder()
                .setStatus(status.shellExitCode())
                .setCoreDumped(status.coreDumped())
                .setUserCpuUs(status.utimeUs())
                .setSysCpuUs(status.stimeUs())
                .setMaxRssKb(status.maxRssKb())
                .setStartMs(status.startMs())
                .setEndMs(status.endMs());
        status.exitCode().ifPresent(exit::setExitCode);
        status.signal().ifPresent(exit::setSignal);
        status.signalName().ifPresent(exit::setSignalName);
        status.failure().ifPresent(f -> exit.setError(failure(f, record)));
        return exit.build();
    }

    /** A process that ended without a status: its supervisor or its node was lost. */
    public static ProcessExit lost(String why) {
        return ProcessExit.newBuilder().setStatus(LOST).setError(why).setEndMs(System.currentTimeMillis()).build();
    }

    private static String failure(ShepherdStatus.Failure f, ProcessRecord record) {
        String where = " on node " + record.nodeId() + ": " + f.message();
        return switch (f.stage()) {
            case "exec" -> "cannot execute '" + record.program() + "'" + where;
            case "chdir" -> "cannot enter cwd " + record.cwd() + where;
            case "groups", "gid", "uid", "identity" -> "cannot run as " + record.user() + " (uid " + record.uid()
                    + ")" + where;
            case "rlimit" -> "cannot set the resource limits" + where;
            default -> "cannot set up the program's " + f.stage() + where;
        };
    }
}
