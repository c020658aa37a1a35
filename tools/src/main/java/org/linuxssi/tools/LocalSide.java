package org.linuxssi.tools;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a tool takes from the machine it runs on, beyond its output streams and environment: stdin,
 * the working directory, the terminal, its own signals and the clock. In-process callers and tests
 * replace any of them.
 *
 * @param stdin           what krgrun forwards, and where krgtop reads its keys
 * @param stdinIsTerminal whether {@code stdin} is a terminal (krgrun then forwards it only with -t)
 * @param stopSelf        stops the tool's own process, as SIGTSTP would have (krgrun on SIGTSTP)
 */
public record LocalSide(InputStream stdin, boolean stdinIsTerminal, Path cwd, Terminal terminal,
                        SignalTrap signals, Runnable stopSelf, Clock clock) {

    /** The real process: System.in, user.dir, /dev/tty, trapped signals. For a tool's {@code main} only. */
    public static LocalSide system() {
        return new LocalSide(interruptibleStdin(), stdinIsATerminal(), userDir(), new ControllingTerminal(), new JvmSignalTrap(),
                LocalSide::stopThisProcess, new LocalClock());
    }

    /**
     * A tool run inside another program: user.dir and the system clock, but an empty stdin, no terminal
     * and no signals, since those belong to the host program (a test runner may even talk to its
     * parent through its stdin). Give stdin with {@link #withStdin}.
     */
    public static LocalSide inProcess() {
        return new LocalSide(InputStream.nullInputStream(), false, userDir(), Terminal.NONE, SignalTrap.NONE, () -> { },
                new LocalClock());
    }

    public LocalSide withStdin(InputStream stdin, boolean isTerminal) {
        return new LocalSide(stdin, isTerminal, cwd, terminal, signals, stopSelf, clock);
    }

    public LocalSide withCwd(Path cwd) {
        return new LocalSide(stdin, stdinIsTerminal, cwd, terminal, signals, stopSelf, clock);
    }

    public LocalSide withTerminal(Terminal terminal) {
        return new LocalSide(stdin, stdinIsTerminal, cwd, terminal, signals, stopSelf, clock);
    }

    public LocalSide withSignals(SignalTrap signals, Runnable stopSelf) {
        return new LocalSide(stdin, stdinIsTerminal, cwd, terminal, signals, stopSelf, clock);
    }

    public LocalSide withClock(Clock clock) {
        return new LocalSide(stdin, stdinIsTerminal, cwd, terminal, signals, stopSelf, clock);
    }

    /**
     * File descriptor 0 through a channel, so that a thread blocked reading it can be interrupted
     * (System.in cannot be): krgrun's stdin pump still waiting for input when the program has exited
     * would otherwise keep the JVM from exiting for 300 ms.
     */
    private static InputStream interruptibleStdin() {
        return Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
    }

    private static Path userDir() {
        return Path.of(System.getProperty("user.dir"));
    }

    // Console.isTerminal() is JDK 22+; the file behind fd 0 says the same on Linux without a fork.
    private static boolean stdinIsATerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    // SIGSTOP cannot be raised from Java (sun.misc.Signal.raise only raises trapped signals): kill(1) does it.
    private static void stopThisProcess() {
        try {
            new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // No kill(1): krgrun goes on running, the remote program is stopped all the same.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
