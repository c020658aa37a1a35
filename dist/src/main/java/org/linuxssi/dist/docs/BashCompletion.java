package org.linuxssi.dist.docs;

import org.linuxssi.dist.PackagedCommand;
import picocli.AutoComplete;

/** The bash completion script of a command, from its picocli tree (picocli's AutoComplete). */
public final class BashCompletion {

    private BashCompletion() {
    }

    public static String of(PackagedCommand command) {
        return AutoComplete.bash(command.name(), command.commandLineForDocs());
    }
}
