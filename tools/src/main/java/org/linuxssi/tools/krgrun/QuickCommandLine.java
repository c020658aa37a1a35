package org.linuxssi.tools.krgrun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.linuxssi.tools.NodeList;

/**
 * Reads the command lines krgrun is given day to day ({@code krgrun -n 2 --mem 1G -e A=b prog args})
 * without picocli, whose setup is most of a cold krgrun's start: picocli's classes are older than
 * Java 6, so no class-data archive can hold them and each start verifies them anew. Anything this
 * does not recognise with certainty — help, version, bundled short options, a value it would refuse —
 * is left to picocli, which then parses it and words the error exactly as before.
 */
final class QuickCommandLine {

    private QuickCommandLine() {
    }

    /** The options, or empty when picocli must read this command line. */
    static Optional<KrgrunOptions> parse(String[] args) {
        Integer node = null;
        String policy = null;
        Long memBytes = null;
        List<EnvAssignment> assignments = new ArrayList<>();
        boolean tty = false;
        boolean printGpid = false;
        Path socket = null;
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--")) {
                i++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                break;
            }
            if (arg.equals("-t") || arg.equals("--tty")) {
                tty = true;
                i++;
                continue;
            }
            if (arg.equals("--print-gpid")) {
                printGpid = true;
                i++;
                continue;
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
                i++;
            } else if (i + 1 < args.length) {
                name = arg;
                value = args[i + 1];
                i += 2;
            } else {
                return Optional.empty();
            }
            switch (name) {
                case "-n", "--node" -> {
                    node = nodeId(value);
                    if (node == null) {
                        return Optional.empty();
                    }
                }
                case "--policy" -> policy = value;
                case "--mem" -> {
                    try {
                        memBytes = MemorySize.parse(value);
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
                case "-e", "--env" -> {
                    int split = value.indexOf('=');
                    if (split <= 0) {
                        return Optional.empty();
                    }
                    assignments.add(new EnvAssignment(value.substring(0, split), value.substring(split + 1)));
                }
                case "--socket" -> socket = Path.of(value);
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (i >= args.length || args[i].isEmpty()) {
            return Optional.empty();
        }
        List<String> arguments = List.of(args).subList(i + 1, args.length);
        return Optional.of(new KrgrunOptions(node, policy, memBytes, assignments, tty, printGpid, socket, args[i],
                arguments));
    }

    /** A node id picocli would take, or null. */
    private static Integer nodeId(String value) {
        if (value.isEmpty() || value.length() > 9) {
            return null;
        }
        for (int k = 0; k < value.length(); k++) {
            if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                return null;
            }
        }
        int id = Integer.parseInt(value);
        return id >= NodeList.MIN_ID && id <= NodeList.MAX_ID ? id : null;
    }
}
