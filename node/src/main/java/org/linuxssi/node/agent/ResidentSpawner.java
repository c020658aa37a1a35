package org.linuxssi.node.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.linuxssi.node.agent.ShepherdLocator.ShepherdMissingException;
import org.linuxssi.shepherd.ShepherdLauncher;
import org.linuxssi.shepherd.ShepherdSpawner;
import org.linuxssi.shepherd.ShepherdSpawner.SpawnerGoneException;
import org.linuxssi.shepherd.ShepherdSpec;
import org.linuxssi.shepherd.ShepherdStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's way of starting shepherds: the resident spawner ({@code linuxssi-shepherd --serve},
 * started once with the daemon and again if it dies), else, when it cannot run, one
 * {@code linuxssi-shepherd --spec} per launch as before. Either way the answer is the same.
 * {@value #SWITCH}{@code =off} in the daemon's environment keeps to the per-launch path.
 */
public final class ResidentSpawner implements ShepherdStarter, AutoCloseable {

    public static final String SWITCH = "LINUXSSI_SHEPHERD_SPAWNER";
    private static final Logger LOG = LoggerFactory.getLogger(ResidentSpawner.class);
    /** After a spawner failed to start, the per-launch path is used this long before the next try. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ShepherdLocator locator;
    private final Duration timeout;
    private final boolean enabled;
    private final Runnable shepherdEnded;
    private ShepherdSpawner spawner;
    private long failedAtNanos;
    private boolean failed;
    private boolean closed;

    /** @param shepherdEnded run when the resident spawner reaped a shepherd: a process ended */
    public ResidentSpawner(ShepherdLocator locator, Duration timeout, boolean enabled, Runnable shepherdEnded) {
        this.locator = locator;
        this.timeout = timeout;
        this.enabled = enabled;
        this.shepherdEnded = shepherdEnded;
    }

    /** The spawner of a daemon: on unless its environment says {@code LINUXSSI_SHEPHERD_SPAWNER=off}. */
    public static ResidentSpawner of(ShepherdLocator locator, Duration timeout, Runnable shepherdEnded) {
        return new ResidentSpawner(locator, timeout, !"off".equals(System.getenv(SWITCH)), shepherdEnded);
    }

    /** Starts the spawner now (at daemon start), so that the first launch does not wait for it. */
    public synchronized void start() {
        if (!enabled) {
            LOG.info("the resident shepherd spawner is off ({}=off): each launch runs linuxssi-shepherd", SWITCH);
            return;
        }
        current();
    }

    /** The running spawner, started if there is none and the last failure is old enough. */
    synchronized Optional<ShepherdSpawner> current() {
        if (!enabled || closed) {
            return Optional.empty();
        }
        if (spawner != null && spawner.isAlive()) {
            return Optional.of(spawner);
        }
        if (spawner != null) {
            LOG.warn("the resident shepherd spawner {} has exited; starting another", spawner.pid());
            spawner.close();
            spawner = null;
        }
        if (failed && System.nanoTime() - failedAtNanos < RETRY_AFTER.toNanos()) {
            return Optional.empty();
        }
        try {
            Path binary = locator.locate();
            spawner = ShepherdSpawner.start(binary, timeout, line -> LOG.warn("shepherd spawner: {}", line),
                    shepherdEnded);
            LOG.info("shepherds start through the resident spawner {} ({} --serve)", spawner.pid(), binary);
            failed = false;
            return Optional.of(spawner);
        } catch (ShepherdMissingException | SpawnerGoneException e) {
            failed = true;
            failedAtNanos = System.nanoTime();
            LOG.warn("the resident shepherd spawner cannot start, so each launch runs linuxssi-shepherd through "
                    + "ProcessBuilder (next try in {} s): {}", RETRY_AFTER.toSeconds(), e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** True while launches go through a running spawner. */
    public synchronized boolean isResident() {
        return spawner != null && spawner.isAlive();
    }

    @Override
    public ShepherdLauncher.Launched launch(ShepherdSpec spec) throws IOException, InterruptedException {
        // A request the spawner never received (it had died) is safe to send again, once, to its successor.
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<ShepherdSpawner> resident = current();
            if (resident.isEmpty()) {
                break;
            }
            try {
                return resident.get().launch(spec);
            } catch (SpawnerGoneException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
        try {
            return new ShepherdLauncher(locator.locate(), timeout).launch(spec);
        } catch (ShepherdMissingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Ends the spawner (closing its pipe); the shepherds it started live on. */
    @Override
    public synchronized void close() {
        closed = true;
        if (spawner != null) {
            spawner.close();
            spawner = null;
        }
    }
}
