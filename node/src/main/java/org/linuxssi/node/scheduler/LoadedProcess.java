package org.linuxssi.node.scheduler;

/**
 * One runnable LinuxSSI process as the balancer sees it.
 *
 * @param cpu        CPUs it used between its node's last two readings (1.0: one CPU all the time)
 * @param startMs    when it started, for ties: the one that has run longest moves first
 * @param canMigrate CAN_MIGRATE is in its effective capabilities (process directory)
 */
record LoadedProcess(long gpid, int nodeId, double cpu, long startMs, boolean canMigrate) {
}
