package org.linuxssi.dist;

import java.util.List;
import org.linuxssi.node.LinuxSsiDaemon;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.checkpoint.CheckpointCommand;
import org.linuxssi.tools.checkpoint.RestartCommand;
import org.linuxssi.tools.krgadm.KrgadmCommand;
import org.linuxssi.tools.krgjob.KrgjobCommand;
import org.linuxssi.tools.krgcapset.KrgcapsetCommand;
import org.linuxssi.tools.krgkill.KrgkillCommand;
import org.linuxssi.tools.krgps.KrgpsCommand;
import org.linuxssi.tools.krgrun.KrgcrRunCommand;
import org.linuxssi.tools.krgrun.KrgrunCommand;
import org.linuxssi.tools.krgtop.KrgtopCommand;
import org.linuxssi.tools.migrate.MigrateCommand;
import picocli.CommandLine;

/**
 * Every command the packages install. Adding one is one line here, beside its bin/ launcher: the
 * packages then carry its /usr/bin (or /usr/sbin) script, its man pages and its bash completion.
 */
public final class Commands {

    /** The installed commands, in the order their man pages and completions are generated. */
    public static final List<PackagedCommand> ALL = List.of(
            PackagedCommand.tool("krgadm", KrgadmCommand::commandLine),
            PackagedCommand.tool("krgrun", invocation -> KrgrunCommand.commandLine(invocation, LocalSide.inProcess())),
            PackagedCommand.tool("krgps", invocation -> KrgpsCommand.commandLine(invocation, LocalSide.inProcess())),
            PackagedCommand.tool("krgkill", KrgkillCommand::commandLine),
            PackagedCommand.tool("krgcapset", KrgcapsetCommand::commandLine),
            PackagedCommand.tool("migrate", MigrateCommand::commandLine),
            PackagedCommand.tool("checkpoint", CheckpointCommand::commandLine),
            PackagedCommand.tool("restart", RestartCommand::commandLine),
            PackagedCommand.tool("krgcr-run",
                    invocation -> KrgcrRunCommand.commandLine(invocation, LocalSide.inProcess())),
            PackagedCommand.tool("krgtop", invocation -> KrgtopCommand.commandLine(invocation, LocalSide.inProcess())),
            PackagedCommand.tool("krgjob", invocation -> KrgjobCommand.commandLine(invocation, LocalSide.inProcess())),
            PackagedCommand.daemon("linuxssid", invocation -> new CommandLine(new LinuxSsiDaemon())));

    private Commands() {
    }

    /** The commands one package installs. */
    public static List<PackagedCommand> of(PackagedCommand.Owner owner) {
        return ALL.stream().filter(command -> command.owner() == owner).toList();
    }
}
