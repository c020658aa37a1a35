package org.linuxssi.tools.krgrun;

import java.util.List;
import org.linuxssi.tools.TerminalSize;

/**
 * What krgrun asks the daemon to run: the fields of process.proto's RunRequest and ProcessSpec that a
 * tool sets (identity, capabilities and the origin are the daemon's to fill in).
 *
 * @param env      the whole environment, "NAME=value" each
 * @param window   the terminal's size under -t, or null
 * @param memBytes --mem in bytes, 0 for none
 * @param node     -n, 0 for the scheduler's choice
 * @param policy   --policy, or null for the cluster's default
 */
record RunStart(List<String> argv, List<String> env, String cwd, boolean pty, TerminalSize window, long memBytes,
                int node, String policy) {

    String program() {
        return argv.get(0);
    }
}
