package org.linuxssi.node.config;

/** A manager node named in node.conf: host and gRPC port (its Raft port is the next one). */
public record ManagerAddress(String host, int port) {

    /** Parses {@code host} or {@code host:port}; the message names the item. */
    public static ManagerAddress parse(String item, int defaultPort) throws ConfigException {
        String text = item.trim();
        if (text.isEmpty()) {
            throw new ConfigException("managers has an empty item (expected host[:port],host[:port],...)");
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new ManagerAddress(text, defaultPort);
        }
        String host = text.substring(0, colon);
        int port = NodeConfigParser.port(text.substring(colon + 1), "managers item '" + text + "'");
        if (host.isEmpty()) {
            throw new ConfigException("managers item '" + text + "' has no host (expected host[:port])");
        }
        return new ManagerAddress(host, port);
    }

    public int raftPort() {
        return port + 1;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
