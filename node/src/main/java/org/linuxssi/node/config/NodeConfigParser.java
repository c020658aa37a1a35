package org.linuxssi.node.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads node.conf: {@code key = value} lines, {@code #} comments. Every problem is
 * reported as one line naming the file, the line, the key, the value and what is allowed.
 */
public final class NodeConfigParser {

    /** The keys node.conf understands, documented in dist's node.conf. */
    public static final Set<String> KEYS = Set.of("session_id", "node_id", "cluster_network", "bind_address", "port",
            "managers", "state_dir", "socket", "auto_add", "heartbeat_interval", "heartbeat_timeout", "snapshot_every",
            "shepherd_path", "criu_path", "checkpoint_dir");

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s)?");

    private NodeConfigParser() {
    }

    public static NodeConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file (write one with 'krgadm node configure' or pass --config)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    public static NodeConfig parse(String text, String source) throws ConfigException {
        KeyValueFile file = KeyValueFile.parse(text, source, KEYS);
        return new Builder(file.values(), file, source).build();
    }

    static int port(String text, String what) throws ConfigException {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65534) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(what + ": port '" + text + "' is not a number from 1 to 65534");
    }

    /** Turns the raw values into a NodeConfig, one key at a time. */
    private static final class Builder {
        private final Map<String, String> values;
        private final KeyValueFile file;
        private final String source;

        Builder(Map<String, String> values, KeyValueFile file, String source) {
            this.values = values;
            this.file = file;
            this.source = source;
        }

        NodeConfig build() throws ConfigException {
            int sessionId = sessionId();
            Optional<Integer> nodeId = nodeId();
            Optional<Cidr> network = optional("cluster_network") == null ? Optional.empty()
                    : Optional.of(wrap("cluster_network", () -> Cidr.parse(values.get("cluster_network"))));
            Optional<InetAddress> bind = optional("bind_address") == null ? Optional.empty()
                    : Optional.of(wrap("bind_address", () -> Cidr.ipv4(values.get("bind_address"), values.get("bind_address"))));
            int port = values.containsKey("port") ? wrap("port", () -> port(values.get("port"), "port"))
                    : NodeConfig.DEFAULT_PORT;
            List<ManagerAddress> managers = new ArrayList<>();
            String managerList = optional("managers");
            if (managerList != null) {
                for (String item : managerList.split(",")) {
                    managers.add(wrap("managers", () -> ManagerAddress.parse(item, port)));
                }
            }
            if (managers.size() > 7) {
                throw error("managers", "lists " + managers.size() + " managers (allowed: 1, 3 or 5; at most 7)");
            }
            if (nodeId.isEmpty() && network.isEmpty()) {
                throw error("node_id", "is 'auto' but cluster_network is not set (set cluster_network, e.g. "
                        + "192.168.1.0/24, or give node_id a number from 1 to " + NodeConfig.MAX_NODE_ID + ")");
            }
            if (bind.isPresent() && network.isPresent() && !network.get().contains(bind.get())) {
                throw error("bind_address", "= " + bind.get().getHostAddress() + " is not on cluster_network "
                        + network.get());
            }
            Path stateDir = Path.of(values.getOrDefault("state_dir", "/var/lib/linuxssi"));
            Path socket = Path.of(values.getOrDefault("socket", "/run/linuxssi/ssi.sock"));
            if (socket.toString().getBytes().length > 107) {
                throw error("socket", "= " + socket + " is longer than the 107 bytes a Unix socket path may have");
            }
            boolean autoAdd = bool("auto_add", true);
            Duration interval = duration("heartbeat_interval", Duration.ofSeconds(1));
            Duration timeout = duration("heartbeat_timeout", Duration.ofSeconds(5));
            if (timeout.compareTo(interval.multipliedBy(2)) < 0) {
                throw error("heartbeat_timeout", "= " + timeout.toMillis() + "ms must be at least twice "
                        + "heartbeat_interval (" + interval.toMillis() + "ms)");
            }
            long snapshotEvery = values.containsKey("snapshot_every") ? number("snapshot_every", 10, 10_000_000) : 2000;
            Optional<Path> shepherd = Optional.ofNullable(optional("shepherd_path")).map(Path::of);
            if (shepherd.isPresent() && !shepherd.get().isAbsolute()) {
                throw error("shepherd_path", "= " + shepherd.get() + " is not an absolute path (e.g. "
                        + "/usr/lib/linuxssi/linuxssi-shepherd)");
            }
            Optional<Path> criu = Optional.ofNullable(optional("criu_path")).map(Path::of);
            if (criu.isPresent() && !criu.get().isAbsolute()) {
                throw error("criu_path", "= " + criu.get() + " is not an absolute path (e.g. /usr/sbin/criu)");
            }
            Path checkpointDir = Path.of(values.getOrDefault("checkpoint_dir", "/var/lib/linuxssi/chkpt"));
            if (!checkpointDir.isAbsolute()) {
                throw error("checkpoint_dir", "= " + checkpointDir + " is not an absolute path (e.g. "
                        + "/var/lib/linuxssi/chkpt)");
            }
            return new NodeConfig(sessionId, nodeId, network, bind, port, List.copyOf(managers), stateDir, socket,
                    autoAdd, interval, timeout, snapshotEvery, shepherd, criu, checkpointDir);
        }

        private int sessionId() throws ConfigException {
            String value = values.get("session_id");
            if (value == null) {
                throw new ConfigException(source + ": session_id is required (a number from 1 to "
                        + NodeConfig.MAX_SESSION_ID + ", the same on every node of the cluster)");
            }
            return number("session_id", 1, NodeConfig.MAX_SESSION_ID);
        }

        private Optional<Integer> nodeId() throws ConfigException {
            String value = values.getOrDefault("node_id", "auto");
            if (value.equalsIgnoreCase("auto")) {
                return Optional.empty();
            }
            return Optional.of(number("node_id", 1, NodeConfig.MAX_NODE_ID));
        }

        private int number(String key, int min, int max) throws ConfigException {
            String value = values.get(key);
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            String allowed = "node_id".equals(key) ? "auto or a number from " + min + " to " + max
                    : "a number from " + min + " to " + max;
            throw error(key, "= " + value + " is not allowed (allowed: " + allowed + ")");
        }

        private boolean bool(String key, boolean fallback) throws ConfigException {
            String value = optional(key);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw error(key, "= " + value + " is not allowed (allowed: true or false)");
            };
        }

        private Duration duration(String key, Duration fallback) throws ConfigException {
            String value = optional(key);
            if (value == null) {
                return fallback;
            }
            Matcher m = DURATION.matcher(value);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw error(key, "= " + value + " is not a duration (e.g. 5s or 500ms)");
            }
            long amount = Long.parseLong(m.group(1));
            return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        }

        private String optional(String key) {
            String value = values.get(key);
            return value == null || value.isEmpty() ? null : value;
        }

        private <T> T wrap(String key, Parse<T> parse) throws ConfigException {
            try {
                return parse.get();
            } catch (ConfigException e) {
                throw new ConfigException(where(key) + ": " + key + ": " + e.getMessage());
            }
        }

        private ConfigException error(String key, String problem) {
            return new ConfigException(where(key) + ": " + key + " " + problem);
        }

        private String where(String key) {
            return file.where(key);
        }
    }

    private interface Parse<T> {
        T get() throws ConfigException;
    }
}
