package org.linuxssi.tools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controlling terminal, {@code /dev/tty}, driven with stty(1) exactly as a shell script would.
 * A changed mode is also restored by a shutdown hook, so that a tool ended by a signal does not
 * leave the user's terminal raw.
 */
public final class ControllingTerminal implements Terminal {

    private static final File TTY = new File("/dev/tty");

    @Override
    public Optional<TerminalSize> size() {
        return stty("size").flatMap(output -> {
            String[] fields = output.trim().split("\\s+");
            if (fields.length != 2 || !fields[0].matches("\\d{1,5}") || !fields[1].matches("\\d{1,5}")) {
                return Optional.empty();
            }
            int rows = Integer.parseInt(fields[0]);
            int cols = Integer.parseInt(fields[1]);
            return rows > 0 && cols > 0 ? Optional.of(new TerminalSize(rows, cols)) : Optional.empty();
        });
    }

    @Override
    public Mode change(String... sttyArguments) {
        Optional<String> saved = stty("-g").map(String::trim);
        if (saved.isEmpty()) {
            return Mode.NONE;
        }
        ChangedMode mode = new ChangedMode(saved.get(), sttyArguments);
        mode.reapply();
        return mode;
    }

    /** Runs stty on /dev/tty; empty when there is no controlling terminal or stty failed. */
    private static Optional<String> stty(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectInput(TTY)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = process.getInputStream().readAllBytes();
            return process.waitFor() == 0 ? Optional.of(new String(output, StandardCharsets.US_ASCII))
                    : Optional.empty();
        } catch (IOException e) {
            // No /dev/tty (no controlling terminal) or no stty: there is no terminal to drive.
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static final class ChangedMode implements Mode {
        private final String saved;
        private final String[] arguments;
        private final Thread hook;
        private boolean applied;

        ChangedMode(String saved, String[] arguments) {
            this.saved = saved;
            this.arguments = arguments.clone();
            this.hook = new Thread(this::restore, "terminal-restore");
        }

        @Override
        public synchronized void restore() {
            if (applied) {
                stty(saved);
                applied = false;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // This is the hook running, or another one during shutdown: nothing to remove.
            }
        }

        @Override
        public synchronized void reapply() {
            stty(arguments);
            if (!applied) {
                applied = true;
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Too late to register; the hook that is running restores nothing more.
                }
            }
        }
    }
}
