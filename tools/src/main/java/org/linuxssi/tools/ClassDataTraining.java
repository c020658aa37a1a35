package org.linuxssi.tools;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.linuxssi.tools.krgrun.KrgrunLaunch;
import org.linuxssi.tools.krgrun.TrainingDaemon;

/**
 * The training run behind the tools' class-data-sharing archive: every tool once, in one JVM, so
 * that one archive holds what any of them loads at start (picocli, gRPC, Netty, the contract). The
 * tools talk to a socket where no daemon listens, so training needs no cluster and changes nothing;
 * they load the same classes up to the connection as a real run does.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {
    }

    /** With the argument {@code krgrun}: krgrun's own run only, for its own, smaller ahead-of-time cache. */
    public static void main(String[] args) throws Exception {
        boolean krgrunAlone = args.length > 0 && args[0].equals("krgrun");
        if (krgrunAlone) {
            // As krgrun's main does.
            Krgrun.nameTheJdksSelectorProvider();
            KrgrunLaunch.openSocketEarly();
        }
        Path dir = Files.createTempDirectory("linuxssi-cds-training");
        Path socket = dir.resolve("training.sock");
        try (TrainingDaemon daemon = new TrainingDaemon(socket)) {
            // The real environment, as krgrun's main passes it: its classes are part of every start.
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put(SocketOption.ENV, socket.toString());
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            // krgrun's own stdout and stderr, as in a real run (it writes the program's stdout straight to
            // fd 1 then); the launcher points them at /dev/null. The training daemon's run prints a line each.
            Krgrun.run(new String[] {"-n", "2", "--", "true"}, LocalSide.system().withStdin(InputStream.nullInputStream(),
                    false), System.out, System.err, env);
            if (!krgrunAlone) {
                Map<String, String> noDaemon = Map.of(SocketOption.ENV, dir.resolve("no-daemon.sock").toString());
                Krgadm.run(new String[] {"nodes", "status"}, discard, discard, noDaemon);
                Krgps.run(new String[] {"-a"}, LocalSide.system(), discard, discard, noDaemon);
                Krgtop.run(new String[] {"-b", "-n", "1"}, LocalSide.system(), discard, discard, noDaemon);
                Krgkill.run(new String[] {"-s", "TERM", "10000001"}, discard, discard, noDaemon);
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
