package org.linuxssi.testkit;

import java.nio.file.Path;
import java.util.Arrays;
import org.linuxssi.api.v1.ProcessExit;
import org.linuxssi.api.v1.SignalResult;

/**
 * A tiny Processes client that {@link ProcessIdentityTest} runs as another user, so that the daemon
 * sees that user's credentials on its socket. Prints one line per fact.
 * <pre>
 * run SOCKET NODE CWD ARGV...   prints "started GPID", later "exit STATUS"
 * signal SOCKET SIGNAL GPID...  prints "GPID ok" or "GPID ERROR" per process
 * </pre>
 */
public final class ProcessClientMain {

    private ProcessClientMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ProcessClient client = new ProcessClient(Path.of(args[1]))) {
            switch (args[0]) {
                case "run" -> {
                    RunHandle run = client.run(Integer.parseInt(args[2]), Path.of(args[3]),
                            Arrays.copyOfRange(args, 4, args.length));
                    System.out.println("started " + run.awaitStarted().getGpid());
                    System.out.flush();
                    ProcessExit exit = run.awaitExit(java.time.Duration.ofMinutes(10));
                    System.out.println("exit " + exit.getStatus());
                }
                case "signal" -> {
                    long[] gpids = Arrays.stream(args, 3, args.length).mapToLong(Long::parseLong).toArray();
                    for (SignalResult result : client.signal(Integer.parseInt(args[2]), gpids).getResultsList()) {
                        System.out.println(result.getGpid() + " " + (result.getError().isEmpty() ? "ok"
                                : result.getError()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
        System.exit(0);
    }
}
