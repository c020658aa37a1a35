package org.linuxssi.node.space;

import io.grpc.StatusRuntimeException;
import java.util.List;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.v1.MigrateRequest;
import org.linuxssi.node.control.NoQuorumException;
import org.linuxssi.node.scheduler.MigrationFailedException;
import org.linuxssi.node.scheduler.ProcessMover;

/**
 * The load balancer's migrations: 'migrate GPID NODE' as root asks it, with every check migrate makes
 * (the process still runs, CAN_MIGRATE, both nodes online and able to checkpoint).
 */
public final class BalancerMigrations implements ProcessMover {

    private static final CallerCredentials DAEMON = new CallerCredentials((int) ProcessHandle.current().pid(), 0, 0,
            List.of());

    private final MigrationClient migration;

    public BalancerMigrations(ProcessSpace space) {
        this.migration = new MigrationClient(space);
    }

    @Override
    public void move(long gpid, int toNode) throws MigrationFailedException {
        try {
            migration.migrate(MigrateRequest.newBuilder().setGpid(gpid).setNodeId(toNode).build(), DAEMON);
        } catch (StatusRuntimeException e) {
            throw new MigrationFailedException(e.getStatus().getDescription() != null
                    ? e.getStatus().getDescription() : e.getStatus().getCode().toString());
        } catch (NoQuorumException e) {
            throw new MigrationFailedException(e.getMessage());
        }
    }
}
