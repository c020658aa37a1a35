package org.linuxssi.tools.krgrun;

import java.util.ArrayList;
import java.util.List;
import org.linuxssi.tools.LinuxSignals;
import org.linuxssi.tools.Terminal;

/**
 * What a signal sent to krgrun means for the remote program: most are passed on as they are;
 * SIGTSTP also stops krgrun itself, so that the shell's job control works as for a local program;
 * SIGCONT puts the terminal back in raw mode; SIGWINCH sends the new window size.
 */
final class SignalForwarder {

    /** Passed on to the program. QUIT is on the list but HotSpot keeps it (see tools/README.md). */
    static final List<String> FORWARDED = List.of("INT", "TERM", "HUP", "QUIT", "USR1", "USR2", "TSTP", "CONT");

    private final RunInputSender sender;
    private final boolean pty;
    private final Terminal terminal;
    private final Terminal.Mode mode;
    private final Runnable stopSelf;

    /**
     * @param mode     krgrun's raw mode under -t ({@link Terminal.Mode#NONE} otherwise)
     * @param stopSelf stops krgrun's own process
     */
    SignalForwarder(RunInputSender sender, boolean pty, Terminal terminal, Terminal.Mode mode, Runnable stopSelf) {
        this.sender = sender;
        this.pty = pty;
        this.terminal = terminal;
        this.mode = mode;
        this.stopSelf = stopSelf;
    }

    /** The signals to trap: the forwarded ones, and WINCH under -t. */
    List<String> trapped() {
        List<String> names = new ArrayList<>(FORWARDED);
        if (pty) {
            names.add("WINCH");
        }
        return names;
    }

    /** Handles one arrival of signal {@code number} (Linux numbering). */
    void onSignal(int number) {
        switch (number) {
            case LinuxSignals.WINCH -> sendWindow();
            case LinuxSignals.TSTP -> {
                sendSignal(number);
                // The shell gets its terminal back in the state it left it.
                mode.restore();
                stopSelf.run();
            }
            case LinuxSignals.CONT -> {
                mode.reapply();
                sendWindow();
                sendSignal(number);
            }
            default -> sendSignal(number);
        }
    }

    private void sendSignal(int number) {
        sender.send(RunInputs.signal(number));
    }

    private void sendWindow() {
        if (pty) {
            terminal.size().ifPresent(size -> sender.send(RunInputs.windowChange(size)));
        }
    }
}
