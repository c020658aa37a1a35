package org.linuxssi.dist;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;
import org.linuxssi.tools.Invocation;
import picocli.CommandLine;

/**
 * One installed command: its name (also the name of its launcher in bin/), the package that owns
 * it, where it goes, and the picocli tree that its --help, man pages and completion all come from.
 *
 * @param name        the command, e.g. krgadm
 * @param owner       the package that installs it
 * @param manSection  1 for user commands, 8 for the daemon
 * @param commandLine builds the command's picocli tree the way the command itself does
 */
public record PackagedCommand(String name, Owner owner, int manSection,
                              Function<Invocation, CommandLine> commandLine) {

    /** The package a command belongs to. */
    public enum Owner { TOOLS, NODE }

    static PackagedCommand tool(String name, Function<Invocation, CommandLine> commandLine) {
        return new PackagedCommand(name, Owner.TOOLS, 1, commandLine);
    }

    static PackagedCommand daemon(String name, Function<Invocation, CommandLine> commandLine) {
        return new PackagedCommand(name, Owner.NODE, 8, commandLine);
    }

    /** /usr/bin/NAME, or /usr/sbin/NAME for the daemon. */
    public String installedPath() {
        return (manSection == 8 ? "/usr/sbin/" : "/usr/bin/") + name;
    }

    /** The command's picocli tree, built for documentation: it prints nowhere and runs nothing. */
    public CommandLine commandLineForDocs() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return commandLine.apply(new Invocation(name, nowhere, nowhere, Map.of()));
    }
}
