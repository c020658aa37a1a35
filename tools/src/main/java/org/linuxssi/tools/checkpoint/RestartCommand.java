package org.linuxssi.tools.checkpoint;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.api.v1.RestartRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restart APPID VERSION}: Kerrighed's restart, through CRIU, on this node. */
@Command(name = RestartCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Restarts a saved version of an application on this node, with its global PID. A krgrun",
                "still waiting for it reads its output on from the checkpoint. The checkpoint directory must be",
                "shared between the nodes to restart on another node than the one that saved it."},
        footer = {"%nExit status: 0 on success, 1 when refused (the reason is printed), 2 for a wrong command line."})
public final class RestartCommand implements Callable<Integer> {

    public static final String NAME = "restart";
    private static final Duration DEADLINE = Duration.ofMinutes(16);

    private final Invocation invocation;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "APPID", description = "The application's identifier (checkpoint prints it).")
    private String appId;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version to restart (1, 2...).")
    private String version;

    private RestartCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    public static CommandLine commandLine(Invocation invocation) {
        return new CommandLine(new RestartCommand(invocation));
    }

    @Override
    public Integer call() {
        if (!appId.matches("[1-9][0-9]{0,17}")) {
            throw new ParameterException(spec.commandLine(), "APPID '" + appId + "' is not an application "
                    + "identifier (the number checkpoint printed)");
        }
        if (!version.matches("[1-9][0-9]{0,8}")) {
            throw new ParameterException(spec.commandLine(), "VERSION '" + version + "' is not a version number "
                    + "(1, 2...)");
        }
        invocation.out().println("Restarting application " + appId + " (v" + version + ") ...");
        RestartRequest request = RestartRequest.newBuilder().setAppId(Long.parseLong(appId))
                .setVersion(Integer.parseInt(version)).build();
        try (DaemonConnection daemon = socket.connect(invocation)) {
            daemon.call(MobilityGrpc::newBlockingStub, DEADLINE, mobility -> mobility.restart(request));
        }
        invocation.out().println("Application " + appId + " has been successfully restarted");
        return ExitCode.OK;
    }
}
