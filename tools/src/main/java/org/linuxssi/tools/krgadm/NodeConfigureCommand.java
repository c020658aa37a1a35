package org.linuxssi.tools.krgadm;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.NodeList;
import org.linuxssi.tools.ToolFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code krgadm node configure}: writes this node's identity into node.conf; no daemon needed. */
@Command(name = "configure", sortOptions = false,
        description = {"Write this node's settings into node.conf, keeping the file's other lines and comments.",
                "Needs no running daemon; restart linuxssid for the settings to apply."})
final class NodeConfigureCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "/etc/linuxssi/node.conf";
    static final String AUTO = "auto";

    static final int MIN_SESSION_ID = 1;
    static final int MAX_SESSION_ID = 9999;

    private final Invocation invocation;

    @Spec
    private CommandSpec spec;

    @Option(names = "--session-id", required = true, paramLabel = "N", converter = SessionIdConverter.class,
            description = "Session id of the cluster, 1-9999; every node of one cluster has the same.")
    private int sessionId;

    @Option(names = "--node-id", required = true, paramLabel = "auto|N", converter = NodeIdConverter.class,
            description = {"Id of this node, 1-4094, or auto: the host part of its address on the cluster network",
                    "(192.168.1.17 on 192.168.1.0/24 gives 17)."})
    private String nodeId;

    @Option(names = "--managers", paramLabel = "LIST", converter = ManagersConverter.class,
            description = "Manager daemons, host[:port] separated by commas, as printed by krgadm cluster init.")
    private String managers;

    @Option(names = "--cluster-network", paramLabel = "CIDR", converter = ClusterNetworkConverter.class,
            description = "IPv4 network of the cluster, e.g. 192.168.1.0/24; node_id = auto needs it.")
    private String clusterNetwork;

    @Option(names = "--config", paramLabel = "PATH", defaultValue = DEFAULT_CONFIG,
            description = "File to write (default: ${DEFAULT-VALUE}).")
    private Path config;

    NodeConfigureCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        try {
            List<String> lines = NodeConfFile.read(config);
            if (AUTO.equals(nodeId) && clusterNetwork == null
                    && NodeConfFile.value(lines, NodeConfFile.CLUSTER_NETWORK).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--node-id auto needs the cluster network: give "
                        + "--cluster-network CIDR (e.g. 192.168.1.0/24), or a node id from 1 to 4094");
            }
            boolean existed = Files.exists(config);
            NodeConfFile.write(config, NodeConfFile.withSettings(lines, settings()));
            invocation.out().println((existed ? "Updated " : "Created ") + config
                    + "; restart linuxssid for the settings to apply.");
            return ExitCode.OK;
        } catch (AccessDeniedException e) {
            throw ToolFailure.of(invocation, "cannot write " + config + ": permission denied (run as root?)");
        } catch (IOException e) {
            throw ToolFailure.of(invocation, "cannot write " + config + ": " + e.getMessage());
        }
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(NodeConfFile.SESSION_ID, Integer.toString(sessionId));
        settings.put(NodeConfFile.NODE_ID, nodeId);
        if (managers != null) {
            settings.put(NodeConfFile.MANAGERS, managers);
        }
        if (clusterNetwork != null) {
            settings.put(NodeConfFile.CLUSTER_NETWORK, clusterNetwork);
        }
        return settings;
    }

    private static int number(String text, int min, int max, String what) {
        if (!text.matches("\\d{1,9}")) {
            throw new TypeConversionException("'" + text + "' is not " + what);
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new TypeConversionException(value + " is out of range (" + what + ")");
        }
        return value;
    }

    /** 1-9999. */
    static final class SessionIdConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return number(value, MIN_SESSION_ID, MAX_SESSION_ID,
                    "a session id (expected " + MIN_SESSION_ID + "-" + MAX_SESSION_ID + ")");
        }
    }

    /** auto or 1-4094. */
    static final class NodeIdConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (AUTO.equals(value)) {
                return AUTO;
            }
            return Integer.toString(number(value, NodeList.MIN_ID, NodeList.MAX_ID,
                    "a node id (expected auto or " + NodeList.MIN_ID + "-" + NodeList.MAX_ID + ")"));
        }
    }

    /** host[:port](,host[:port])*, without spaces, since node.conf values end at the line's end. */
    static final class ManagersConverter implements ITypeConverter<String> {
        private static final Pattern MANAGER = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?");

        @Override
        public String convert(String value) {
            for (String item : value.split(",", -1)) {
                Matcher matcher = MANAGER.matcher(item);
                if (!matcher.matches()) {
                    throw new TypeConversionException((item.isEmpty() ? "empty item" : "'" + item + "'")
                            + " in '" + value + "' is not a manager (expected host[:port] separated by commas, "
                            + "e.g. 192.168.1.1:7470,192.168.1.2:7470)");
                }
                if (matcher.group(2) != null) {
                    int port = Integer.parseInt(matcher.group(2));
                    if (port < 1 || port > 65535) {
                        throw new TypeConversionException("port " + port + " of manager '" + item
                                + "' is out of range (expected 1-65535)");
                    }
                }
            }
            return value;
        }
    }

    /** a.b.c.d/len. */
    static final class ClusterNetworkConverter implements ITypeConverter<String> {
        private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

        @Override
        public String convert(String value) {
            Matcher matcher = CIDR.matcher(value);
            boolean valid = matcher.matches() && Integer.parseInt(matcher.group(5)) <= 32;
            for (int octet = 1; valid && octet <= 4; octet++) {
                valid = Integer.parseInt(matcher.group(octet)) <= 255;
            }
            if (!valid) {
                throw new TypeConversionException("'" + value
                        + "' is not an IPv4 network (expected ADDRESS/PREFIX, e.g. 192.168.1.0/24)");
            }
            return value;
        }
    }
}
