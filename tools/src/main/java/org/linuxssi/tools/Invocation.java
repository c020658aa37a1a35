package org.linuxssi.tools;

import java.io.PrintStream;
import java.util.Map;

/** One run of a tool: its name, where it prints, and the environment it reads. */
public record Invocation(String tool, PrintStream out, PrintStream err, Map<String, String> env) {
}
