package org.linuxssi.testkit;

import java.util.concurrent.TimeUnit;

/**
 * Whether the criu the test cluster uses works on this machine (root, criu 4+, `criu check` passes).
 * Tests that need it print a loud banner when it does not, and test the commands' refusals instead.
 */
final class CriuAvailability {

    private static Boolean usable;

    private CriuAvailability() {
    }

    static synchronized boolean usable() {
        if (usable == null) {
            usable = LocalCluster.criu().map(path -> {
                try {
                    Process check = new ProcessBuilder(path.toString(), "check").redirectErrorStream(true).start();
                    check.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }).orElse(false);
            if (!usable) {
                System.err.println("""

                        ************************************************************************
                        *  CRIU IS NOT USABLE HERE: checkpoint, restart and migration tests    *
                        *  COULD NOT RUN. Only the commands' refusals are tested.              *
                        *  As root, run bin/linuxssi-get-criu (Debian 12) or install criu 4+,  *
                        *  or point LINUXSSI_CRIU at a criu binary.                            *
                        ************************************************************************
                        """);
            }
        }
        return usable;
    }
}
