package org.linuxssi.node.scheduler;

/** Only processes with CAN_MIGRATE in their effective capabilities move, as with 'migrate'. */
final class CanMigrateFilter implements MoveFilter {

    @Override
    public boolean allows(LoadedProcess process, long nowMs) {
        return process.canMigrate();
    }
}
