package org.linuxssi.tools;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The --socket option of every tool that talks to the local daemon, and where the socket is without it. */
public final class SocketOption {

    public static final String ENV = "LINUXSSI_SOCKET";
    public static final Path DEFAULT = Path.of("/run/linuxssi/ssi.sock");

    // INHERIT so that both "krgadm --socket P nodes" and "krgadm nodes --socket P" work.
    @Option(names = "--socket", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = "Unix socket of the local linuxssid (default: $" + ENV + ", else " + "/run/linuxssi/ssi.sock)")
    private Path socket;

    /** --socket when given, else $LINUXSSI_SOCKET when set and not empty, else /run/linuxssi/ssi.sock. */
    public Path resolve(Map<String, String> env) {
        return resolve(socket, env);
    }

    /** The --socket value, or null when the option was not given. */
    public Path given() {
        return socket;
    }

    /** {@code given} when not null, else $LINUXSSI_SOCKET when set and not empty, else /run/linuxssi/ssi.sock. */
    public static Path resolve(Path given, Map<String, String> env) {
        if (given != null) {
            return given;
        }
        String fromEnv = env.get(ENV);
        return fromEnv == null || fromEnv.isEmpty() ? DEFAULT : Path.of(fromEnv);
    }

    /** A connection to the daemon at the resolved socket; nothing is sent until the first call. */
    public DaemonConnection connect(Invocation invocation) {
        return DaemonConnection.open(invocation.tool(), resolve(invocation.env()));
    }
}
