package org.linuxssi.dist.layout;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generated documentation of one command.
 *
 * @param manPages       file name (krgadm-nodes-status.1.gz) to gzipped troff, one per command and subcommand
 * @param bashCompletion the bash completion script
 */
public record CommandDocs(SortedMap<String, byte[]> manPages, String bashCompletion) {

    public CommandDocs {
        manPages = new TreeMap<>(manPages);
    }
}
