package org.linuxssi.node.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one criu binary and gives back its exit code and output; never throws for criu's own failures. */
public final class Criu {

    /**
     * CRIU's fault-injection code 130 (FI_NO_BREAKPOINTS): stop the parasite with syscall tracing
     * instead of a hardware breakpoint. In some virtual machines (Firecracker among them) debug
     * registers never fire and a dump then hangs forever; syscall tracing works everywhere and costs
     * a few milliseconds per dump.
     */
    static final String NO_BREAKPOINTS = "130";

    private final Path binary;

    public Criu(Path binary) {
        this.binary = binary;
    }

    public Path binary() {
        return binary;
    }

    /** One finished criu run. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The last line criu printed, which names its reason when it fails. */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /**
     * Starts {@code criu ARGS} that keeps running (a page server): its standard output is a pipe (for
     * {@code --status-fd 1}), its errors go to its log file.
     */
    public Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CRIU_FAULT", NO_BREAKPOINTS);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** Runs {@code criu ARGS}, output and errors together, killed after {@code timeoutSeconds}. */
    public Result run(List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CRIU_FAULT", NO_BREAKPOINTS);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "criu " + args.getFirst() + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted while running criu " + args.getFirst());
        }
    }
}
