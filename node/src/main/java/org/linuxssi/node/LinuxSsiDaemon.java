package org.linuxssi.node;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.linuxssi.api.ProtocolVersion;
import org.linuxssi.api.v1.PowerAction;
import org.linuxssi.node.config.ConfigException;
import org.linuxssi.node.config.NodeConfig;
import org.linuxssi.node.config.NodeConfigParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** linuxssid, the LinuxSSI node daemon: one per machine. */
@Command(name = "linuxssid", mixinStandardHelpOptions = true,
        versionProvider = LinuxSsiDaemon.Version.class,
        description = "The LinuxSSI node daemon: joins this machine to the cluster named by session_id.")
public final class LinuxSsiDaemon implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/linuxssi/node.conf",
            description = "node configuration (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--cmdline", paramLabel = "FILE", defaultValue = "/proc/cmdline",
            description = "kernel command line read for node_id=N (default: ${DEFAULT-VALUE})")
    Path cmdline;

    @Option(names = "--check", description = "check the configuration, print the result and exit")
    boolean check;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LinuxSsiDaemon());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            System.err.println("linuxssid: " + e);
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        while (true) {
            NodeConfig nodeConfig;
            try {
                nodeConfig = NodeConfigParser.read(config);
            } catch (ConfigException e) {
                System.err.println("linuxssid: " + e.getMessage());
                return 2;
            }
            Path schedulerConfig = config.toAbsolutePath().resolveSibling("scheduler.conf");
            if (check) {
                try {
                    org.linuxssi.node.scheduler.SchedulerConfig.read(schedulerConfig);
                    org.linuxssi.node.drmaa.DrmaaServerConfig.read(NodeDaemon.drmaaConfigPlaces(schedulerConfig));
                } catch (ConfigException e) {
                    System.err.println("linuxssid: " + e.getMessage());
                    return 2;
                }
                System.out.println(config + ": OK");
                return 0;
            }
            NodeDaemon daemon = new NodeDaemon(nodeConfig, cmdline, schedulerConfig);
            // SIGTERM: stop as on poweroff and let the daemon close Raft and sockets before the JVM halts.
            Thread hook = new Thread(() -> {
                try {
                    daemon.stopAndWait(java.time.Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sigterm");
            Runtime.getRuntime().addShutdownHook(hook);
            PowerAction action;
            try {
                action = daemon.run();
            } catch (StartupException e) {
                System.err.println("linuxssid: " + e.getMessage());
                return e.exitCode();
            } catch (InterruptedException e) {
                return 0;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: nothing to remove
                }
            }
            if (action != PowerAction.REBOOT) {
                return 0;
            }
        }
    }

    /** Prints the daemon's protocol version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"linuxssid (LinuxSSI) 0.1.0, protocol " + ProtocolVersion.CURRENT};
        }
    }
}
