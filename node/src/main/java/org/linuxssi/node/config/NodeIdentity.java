package org.linuxssi.node.config;

import java.net.InetAddress;

/** Who this node is: its id and the address it listens on and is known by. */
public record NodeIdentity(int nodeId, InetAddress address, String source) {
}
