package org.linuxssi.tools.krgrun;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed krgrun command line, whichever parser read it.
 *
 * @param node     -n, or null for the scheduler's choice
 * @param policy   --policy, or null for the cluster's
 * @param memBytes --mem in bytes, or null
 * @param socket   --socket, or null for $LINUXSSI_SOCKET or the default
 */
record KrgrunOptions(Integer node, String policy, Long memBytes, List<EnvAssignment> assignments, boolean tty,
                     boolean printGpid, Path socket, String program, List<String> arguments) {
}
