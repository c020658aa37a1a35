package org.linuxssi.node.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds this node's id and address: node_id from node.conf, else {@code node_id=N} on the
 * kernel command line, else the host part of the address on cluster_network. An address
 * that is not up yet is waited for (logged once per 10 s) rather than failing at boot,
 * which is what Kerrighed could not do when the NIC driver was a module.
 */
public final class NodeIdentityResolver {

    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentityResolver.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final NodeConfig config;
    private final Path cmdline;
    private final AddressSource addresses;

    public NodeIdentityResolver(NodeConfig config, Path cmdline, AddressSource addresses) {
        this.config = config;
        this.cmdline = cmdline;
        this.addresses = addresses;
    }

    public NodeIdentity resolve() throws ConfigException, InterruptedException {
        Optional<Integer> fromCmdline = config.nodeId().isPresent() ? Optional.empty() : cmdlineNodeId();
        InetAddress address = awaitAddress();
        if (config.nodeId().isPresent()) {
            return new NodeIdentity(config.nodeId().get(), address, "node.conf");
        }
        if (fromCmdline.isPresent()) {
            return new NodeIdentity(fromCmdline.get(), address, "kernel command line (" + cmdline + ")");
        }
        Cidr network = config.clusterNetwork().orElseThrow();
        long host = network.hostPart(address);
        if (host < 1 || host > NodeConfig.MAX_NODE_ID) {
            throw new ConfigException("node_id = auto: address " + address.getHostAddress() + " on " + network
                    + " gives node id " + host + ", outside 1 to " + NodeConfig.MAX_NODE_ID
                    + " (set node_id by hand in node.conf)");
        }
        return new NodeIdentity((int) host, address, "address " + address.getHostAddress() + " on " + network);
    }

    /** Reads {@code node_id=N} from the kernel command line, if present. */
    Optional<Integer> cmdlineNodeId() throws ConfigException {
        String text;
        try {
            text = Files.readString(cmdline);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", cmdline, e.getMessage());
            return Optional.empty();
        }
        for (String token : text.trim().split("\\s+")) {
            if (token.startsWith("node_id=")) {
                String value = token.substring("node_id=".length());
                try {
                    int id = Integer.parseInt(value);
                    if (id >= 1 && id <= NodeConfig.MAX_NODE_ID) {
                        return Optional.of(id);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new ConfigException(cmdline + ": node_id=" + value + " is not allowed (allowed: a number from 1 to "
                        + NodeConfig.MAX_NODE_ID + ")");
            }
        }
        return Optional.empty();
    }

    private InetAddress awaitAddress() throws InterruptedException {
        if (config.bindAddress().isEmpty() && config.clusterNetwork().isEmpty()) {
            return InetAddress.getLoopbackAddress();
        }
        long nextLog = 0;
        while (true) {
            Optional<InetAddress> found = findAddress();
            if (found.isPresent()) {
                return found.get();
            }
            long now = System.nanoTime();
            if (now - nextLog >= 0) {
                LOG.info("waiting for {} to appear on this machine (node_id = {})", wanted(),
                        config.nodeId().map(String::valueOf).orElse("auto"));
                nextLog = now + LOG_EVERY.toNanos();
            }
            Thread.sleep(POLL);
        }
    }

    private Optional<InetAddress> findAddress() {
        if (config.bindAddress().isPresent()) {
            InetAddress bind = config.bindAddress().get();
            return addresses.canBind(bind) ? Optional.of(bind) : Optional.empty();
        }
        Cidr network = config.clusterNetwork().orElseThrow();
        return addresses.addresses().stream()
                .filter(a -> a.getAddress().length == 4 && network.contains(a))
                .findFirst();
    }

    private String wanted() {
        return config.bindAddress().map(a -> "address " + a.getHostAddress())
                .orElse("an address on " + config.clusterNetwork().map(Cidr::toString).orElse("?"));
    }
}
