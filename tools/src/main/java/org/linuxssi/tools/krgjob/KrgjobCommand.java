package org.linuxssi.tools.krgjob;

import java.util.concurrent.Callable;
import org.linuxssi.api.v1.JobAction;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The krgjob command tree: submit, list, show, the control actions and wait, on krg-drmaa's jobs. */
@Command(name = KrgjobCommand.NAME, scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.class, sortOptions = false,
        description = {"Submits and controls batch jobs on the LinuxSSI cluster (krg-drmaa, the DRMAA service).",
                "Jobs live in the cluster's replicated state: they survive the loss of any node but their own."},
        footer = KrgjobCommand.EXIT_STATUS)
public final class KrgjobCommand implements Callable<Integer> {

    public static final String NAME = "krgjob";
    /** The session krgjob submits into: one per user, found by name. */
    static final String SESSION = "krgjob";
    static final String EXIT_STATUS = "%nExit status: 0 success, 1 failure, 2 wrong command line"
            + " (wait: the job's own status).";

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    private KrgjobCommand(SocketOption socket) {
        this.socket = socket;
    }

    public static CommandLine commandLine(Invocation invocation, LocalSide local) {
        SocketOption socket = new SocketOption();
        CommandLine krgjob = new CommandLine(new KrgjobCommand(socket));
        krgjob.addSubcommand(new SubmitCommand(invocation, socket, local));
        krgjob.addSubcommand(new ListCommand(invocation, socket));
        krgjob.addSubcommand(new ShowCommand(invocation, socket));
        action(krgjob, invocation, socket, "hold", JobAction.JOB_HOLD,
                "Holds queued jobs: they do not start until released.");
        action(krgjob, invocation, socket, "release", JobAction.JOB_RELEASE, "Releases held jobs.");
        action(krgjob, invocation, socket, "suspend", JobAction.JOB_SUSPEND,
                "Stops running jobs (SIGSTOP to their process group).");
        action(krgjob, invocation, socket, "resume", JobAction.JOB_RESUME, "Continues suspended jobs (SIGCONT).");
        action(krgjob, invocation, socket, "cancel", JobAction.JOB_TERMINATE,
                "Ends jobs: queued ones never start, running ones are killed (SIGKILL).");
        krgjob.addSubcommand(new WaitCommand(invocation, socket));
        // What follows the program is the program's, options included.
        krgjob.getSubcommands().get("submit").setStopAtPositional(true);
        return krgjob;
    }

    /** One class serves the five control commands; each gets its own name and description. */
    private static void action(CommandLine krgjob, Invocation invocation, SocketOption socket, String name,
                               JobAction action, String description) {
        krgjob.addSubcommand(name, new ActionCommand(invocation, socket, action));
        krgjob.getSubcommands().get(name).getCommandSpec().usageMessage().description(description);
    }

    /** No arguments print the help. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
