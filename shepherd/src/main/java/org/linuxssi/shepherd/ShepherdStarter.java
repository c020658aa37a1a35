package org.linuxssi.shepherd;

import java.io.IOException;

/**
 * Starts a shepherd for one spec and returns once the program is forked. Two ways exist: one
 * {@code linuxssi-shepherd --spec} process per launch ({@link ShepherdLauncher}) and a resident
 * {@code linuxssi-shepherd --serve} asked over a pipe ({@link ShepherdSpawner}); both give the same
 * answers.
 */
public interface ShepherdStarter {

    /**
     * Writes {@code spec} into its state directory (which must exist and be unused) and starts the
     * shepherd on it.
     *
     * @throws ShepherdLaunchException when the shepherd refused or failed; nothing runs then
     */
    ShepherdLauncher.Launched launch(ShepherdSpec spec) throws IOException, InterruptedException;
}
