package org.linuxssi.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What one in-process run of a tool printed and returned; {@code out} is also kept as raw bytes. */
public record ToolRun(int exitCode, String out, String err, byte[] outBytes) {

    /** A tool's entry point with its streams bound to these. */
    @FunctionalInterface
    public interface Entry {
        int run(PrintStream out, PrintStream err);
    }

    public static ToolRun of(Entry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = entry.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ToolRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", out: " + out + ", err: " + err;
    }
}
