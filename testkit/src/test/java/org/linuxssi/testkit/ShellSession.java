package org.linuxssi.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A script run by a real bash whose tools (krgcapset, krgrun, migrate...) are real JVMs, children
 * of that bash: what Kerrighed's "the calling shell" means for krgcapset and krgrun.
 */
final class ShellSession {

    private static final String[][] TOOLS = {
        {"krgcapset", "Krgcapset"}, {"krgrun", "Krgrun"}, {"krgps", "Krgps"}, {"migrate", "Migrate"},
        {"checkpoint", "Checkpoint"}, {"restart", "Restart"}, {"krgcr-run", "KrgcrRun"},
    };

    private ShellSession() {
    }

    /** The shell functions that run each tool as a child of the shell. */
    static String prelude(LocalNode via) {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        java.addAll(DaemonLauncher.defaultJvmOptions());
        java.addAll(List.of("-cp", DaemonLauncher.classPath()));
        String command = String.join(" ", java.stream().map(ShellSession::quote).toList());
        StringBuilder prelude = new StringBuilder("export LINUXSSI_SOCKET=" + quote(via.socket().toString())
                + "\n");
        for (String[] tool : TOOLS) {
            prelude.append(tool[0]).append("() { ").append(command).append(" org.linuxssi.tools.").append(tool[1])
                    .append(" \"$@\"; }\n");
        }
        return prelude.toString();
    }

    /** Starts {@code script} in bash (after the prelude) with {@code dir} as working directory. */
    static Process start(LocalNode via, Path dir, String script) throws IOException {
        return new ProcessBuilder("bash", "-c", prelude(via) + script).directory(dir.toFile()).start();
    }

    /** Runs {@code script} to its end (at most two minutes). */
    static ToolRun run(LocalNode via, Path dir, String script) throws Exception {
        Process bash = start(via, dir, script);
        CompletableFuture<String> out = read(bash.getInputStream());
        CompletableFuture<String> err = read(bash.getErrorStream());
        try {
            if (!bash.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("script did not finish in 120 s: " + script);
            }
            return new ToolRun(bash.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } finally {
            bash.destroyForcibly();
        }
    }

    static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
