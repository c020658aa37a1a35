package org.linuxssi.node.space;

/** Where a new process runs: a node and its daemon's "host:port". */
public record Placement(int nodeId, String address) {
}
