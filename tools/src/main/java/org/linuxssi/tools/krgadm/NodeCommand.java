package org.linuxssi.tools.krgadm;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code krgadm node}: settings of this node only; needs no running daemon. */
@Command(name = "node", description = "This node's own settings: configure.")
final class NodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand (expected: configure)");
    }
}
