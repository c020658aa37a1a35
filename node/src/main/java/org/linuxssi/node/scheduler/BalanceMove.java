package org.linuxssi.node.scheduler;

/** One migration the balancer decided: a process, the node it leaves and the node it goes to. */
record BalanceMove(LoadedProcess process, NodeLoad from, NodeLoad to) {

    @Override
    public String toString() {
        return "process " + process.gpid() + " (" + process.cpu() + " CPU) from node " + from.nodeId() + " ("
                + from.load() + " runnable on " + from.cpus() + " CPUs) to node " + to.nodeId() + " (" + to.load()
                + " on " + to.cpus() + ")";
    }
}
