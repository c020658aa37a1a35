package org.linuxssi.tools.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.CheckpointReply;
import org.linuxssi.api.v1.CheckpointRequest;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LinuxSignals;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code checkpoint [-f|-u[SIG]|-c|-k[SIG]] [-d DESCRIPTION] GPID}: Kerrighed's checkpoint, through CRIU. */
@Command(name = CheckpointCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Saves the application (the process tree rooted at GPID) as a new version under the",
                "checkpoint directory (checkpoint_dir in node.conf, default /var/lib/linuxssi/chkpt/APPID/vN/):",
                "by default freezes it, saves it and lets it run on. The process needs CHECKPOINTABLE in",
                "effect (krgcr-run, or krgcapset -d +CHECKPOINTABLE before krgrun); only its owner or root may",
                "checkpoint it. A signal attaches to its option, as in Kerrighed: -uUSR1, -kTERM."},
        footer = {"%nExit status: 0 on success, 1 when refused (the reason is printed), 2 for a wrong command line."})
public final class CheckpointCommand implements Callable<Integer> {

    public static final String NAME = "checkpoint";
    private static final Duration DEADLINE = Duration.ofMinutes(16);

    private final Invocation invocation;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--freeze"}, description = "Only freeze the application.")
    private boolean freeze;

    @Option(names = {"-u", "--unfreeze"}, arity = "0..1", fallbackValue = "", paramLabel = "SIG",
            description = "Only unfreeze the application, then send it SIG if given (-uUSR1).")
    private String unfreeze;

    @Option(names = {"-c", "--ckpt-only"}, description = "Only save the application (frozen with -f before).")
    private boolean saveOnly;

    @Option(names = {"-k", "--kill"}, arity = "0..1", fallbackValue = "", paramLabel = "SIG",
            description = {"Save the application, then stop it; restart continues it, under the caller that is",
                    "still waiting. With SIG (-kTERM, -k9), as Kerrighed: send SIG after saving, before unfreezing;",
                    "the application handles it as it would (by default it ends, and its caller sees that)."})
    private String kill;

    @Option(names = {"-d", "--description"}, paramLabel = "DESCRIPTION", defaultValue = "",
            description = "A description kept with the version.")
    private String description;

    @Parameters(paramLabel = "GPID", description = "Global PID of a process of the application (see krgps).")
    private String gpid;

    private CheckpointCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    public static CommandLine commandLine(Invocation invocation) {
        return new CommandLine(new CheckpointCommand(invocation));
    }

    /** Kerrighed's optional signal is attached (-uUSR1, -kTERM): a bare -u or -k must not swallow the GPID after it. */
    public static String[] attachSignals(String[] args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            out.add("-u".equals(arg) || "--unfreeze".equals(arg) || "-k".equals(arg) || "--kill".equals(arg)
                    ? arg + "=" : arg);
        }
        return out.toArray(String[]::new);
    }

    @Override
    public Integer call() {
        int actions = (freeze ? 1 : 0) + (unfreeze != null ? 1 : 0) + (saveOnly ? 1 : 0) + (kill != null ? 1 : 0);
        if (actions > 1) {
            throw new ParameterException(spec.commandLine(), "-f, -u, -c and -k exclude each other: give one");
        }
        if (!gpid.matches("[1-9][0-9]{0,17}")) {
            throw new ParameterException(spec.commandLine(), "GPID '" + gpid + "' is not a global PID (e.g. "
                    + "20004242, see krgps)");
        }
        int signal = unfreeze != null ? signal("-u", unfreeze) : kill != null ? signal("-k", kill) : 0;
        CheckpointRequest.Action action = freeze ? CheckpointRequest.Action.FREEZE
                : unfreeze != null ? CheckpointRequest.Action.UNFREEZE
                : saveOnly ? CheckpointRequest.Action.SAVE_FROZEN
                : kill != null ? CheckpointRequest.Action.SAVE_AND_KILL : CheckpointRequest.Action.SAVE;
        long id = Long.parseLong(gpid);
        String verb = switch (action) {
            case FREEZE -> "Freezing";
            case UNFREEZE -> "Unfreezing";
            default -> "Checkpointing";
        };
        invocation.out().println(verb + " application in which process " + id + " is involved...");
        CheckpointRequest request = CheckpointRequest.newBuilder().setGpid(id).setAction(action).setSignal(signal)
                .setDescription(description).build();
        CheckpointReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = daemon.call(MobilityGrpc::newBlockingStub, DEADLINE, mobility -> mobility.checkpoint(request));
        }
        if (reply.getVersion() > 0) {
            invocation.out().println("Identifier: " + reply.getAppId());
            invocation.out().println("Version: " + reply.getVersion());
            invocation.out().println("Description: " + reply.getDescription());
            invocation.out().println("Date: " + DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT)
                    .format(Instant.ofEpochMilli(reply.getDateMs()).atZone(ZoneId.systemDefault())));
        }
        return ExitCode.OK;
    }

    /** The signal attached to -u or -k, 0 when none. */
    private int signal(String option, String text) {
        if (text.isEmpty()) {
            return 0;
        }
        Optional<Integer> parsed = LinuxSignals.parse(text);
        if (parsed.isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + ": unknown signal '" + text + "' ("
                    + LinuxSignals.EXPECTED + ")");
        }
        return parsed.get();
    }
}
