package org.linuxssi.tools;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run behind the tools' class-data-sharing archive: every tool once, in one JVM, so
 * that one archive holds what any of them loads at start (picocli, gRPC, Netty, the contract). The
 * tools talk to a socket where no daemon listens, so training needs no cluster and changes nothing;
 * they load the same classes up to the connection as a real run does.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("linuxssi-cds-training");
        try {
            Map<String, String> env = Map.of(SocketOption.ENV, dir.resolve("no-daemon.sock").toString());
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            Krgadm.run(new String[] {"nodes", "status"}, discard, discard, env);
            Krgrun.run(new String[] {"-n", "2", "--", "true"}, LocalSide.system(), discard, discard, env);
            Krgps.run(new String[] {"-a"}, LocalSide.system(), discard, discard, env);
            Krgtop.run(new String[] {"-b", "-n", "1"}, LocalSide.system(), discard, discard, env);
            Krgkill.run(new String[] {"-s", "TERM", "10000001"}, discard, discard, env);
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
