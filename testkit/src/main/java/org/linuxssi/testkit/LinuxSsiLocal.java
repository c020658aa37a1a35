package org.linuxssi.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** linuxssi-local: a cluster of real linuxssid processes on 127.0.0.N, without root. */
@Command(name = "linuxssi-local", mixinStandardHelpOptions = true, version = "linuxssi-local (LinuxSSI) 0.1.0",
        description = "Starts and controls a LinuxSSI cluster of real daemons on 127.0.0.1 ... 127.0.0.N.",
        subcommands = {LinuxSsiLocal.Start.class, LinuxSsiLocal.Stop.class, LinuxSsiLocal.Kill.class,
                LinuxSsiLocal.Pause.class, LinuxSsiLocal.Resume.class, LinuxSsiLocal.Restart.class,
                LinuxSsiLocal.Status.class})
public final class LinuxSsiLocal {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".linuxssi-local", scope = CommandLine.ScopeType.INHERIT,
            description = "where the nodes keep their files (default: ${DEFAULT-VALUE})")
    Path dir;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LinuxSsiLocal());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("linuxssi-local: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Command(name = "start", description = {"Start N nodes and wait until all are online.",
            "A directory that holds a stopped cluster starts it again, with its state and ports."})
    static final class Start implements Callable<Integer> {
        @CommandLine.ParentCommand
        LinuxSsiLocal parent;

        @Parameters(paramLabel = "N", description = "number of nodes (1 to 254)")
        int nodes;

        @Option(names = "--session", defaultValue = "1", description = "session_id (default: ${DEFAULT-VALUE})")
        int session;

        @Option(names = "--timeout", defaultValue = "120", description = "seconds to wait for all nodes online")
        int timeout;

        @Option(names = "--production-jvm", description = {"run the daemons with the JVM options of bin/linuxssid "
                + "and the packaged service (both compilers, the default heap) instead of the small, quick-start ones",
                "used for a few test daemons on one machine; for measuring, as the benchmarks do"})
        boolean productionJvm;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (nodes < 1 || nodes > 254) {
                System.err.println("linuxssi-local: N = " + nodes + " is not allowed (allowed: 1 to 254)");
                return 2;
            }
            long started = System.nanoTime();
            LocalCluster.Builder builder = LocalCluster.builder(parent.dir).nodes(nodes).sessionId(session)
                    .restartExisting();
            if (productionJvm) {
                builder.productionJvm();
            }
            LocalCluster cluster = builder.create();
            cluster.startAll();
            cluster.awaitAllOnline(Duration.ofSeconds(timeout));
            System.err.printf("%d nodes online in %.1f s (%s)%n", nodes, (System.nanoTime() - started) / 1e9,
                    cluster.dir());
            System.out.println("export LINUXSSI_SOCKET=" + cluster.node(1).socket());
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop every node (SIGTERM, then SIGKILL after 15 s) and the programs they ran.")
    static final class Stop implements Callable<Integer> {
        @CommandLine.ParentCommand
        LinuxSsiLocal parent;

        @Override
        public Integer call() throws IOException {
            LocalCluster.attach(parent.dir).close();
            return 0;
        }
    }

    /** Base of the commands that act on one node. */
    abstract static class OneNode implements Callable<Integer> {
        @CommandLine.ParentCommand
        LinuxSsiLocal parent;

        @Parameters(paramLabel = "I", description = "node index")
        int index;

        @Override
        public Integer call() throws IOException {
            act(LocalCluster.attach(parent.dir).node(index));
            return 0;
        }

        abstract void act(LocalNode node) throws IOException;
    }

    @Command(name = "kill", description = "SIGKILL node I.")
    static final class Kill extends OneNode {
        @Override
        void act(LocalNode node) {
            node.kill();
        }
    }

    @Command(name = "pause", description = "SIGSTOP node I.")
    static final class Pause extends OneNode {
        @Override
        void act(LocalNode node) throws IOException {
            node.pause();
        }
    }

    @Command(name = "resume", description = "SIGCONT node I.")
    static final class Resume extends OneNode {
        @Override
        void act(LocalNode node) throws IOException {
            node.resume();
        }
    }

    @Command(name = "restart", description = "Stop node I if it runs, then start it.")
    static final class Restart extends OneNode {
        @Override
        void act(LocalNode node) throws IOException {
            node.restart();
        }
    }

    @Command(name = "status", description = "Print each node's process state.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        LinuxSsiLocal parent;

        @Override
        public Integer call() throws IOException {
            for (LocalNode node : LocalCluster.attach(parent.dir).nodes()) {
                System.out.println(node.index() + ":" + (node.isRunning() ? "running pid " + node.pid().orElse(0L)
                        : "stopped") + " " + node.address() + " " + node.socket());
            }
            return 0;
        }
    }
}
