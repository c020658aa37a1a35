package org.linuxssi.tools.krgrun;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.linuxssi.api.DaemonError;
import org.linuxssi.tools.DaemonCallErrors;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LinuxSignals;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.SignalTrap;
import org.linuxssi.tools.Terminal;
import org.linuxssi.tools.ToolFailure;

/**
 * One remote run, from the start request to the program's exit status: outputs are written as they
 * come, stdin and signals go the other way once the program has started.
 */
final class RunSession {

    /** How the run ended: krgrun's exit code, and a line for stderr (null for none). */
    private record Outcome(int exitCode, String line) {
    }

    private final Invocation invocation;
    private final LocalSide local;
    private final RunStart start;
    private final boolean printGpid;
    private final Consumer<RunReply.Started> onStart;
    private final boolean leaveAfterStart;

    private Terminal.Mode mode = Terminal.Mode.NONE;
    private SignalTrap.Trapped trapped;
    private long gpid;
    private boolean stdoutGone;
    private Thread pump;

    RunSession(Invocation invocation, LocalSide local, RunStart start, boolean printGpid) {
        this(invocation, local, start, printGpid, started -> { }, false);
    }

    /**
     * @param onStart         told once the program runs, before any of its output is written
     * @param leaveAfterStart return 0 as soon as the program runs (krgcr-run -b): no stdin, no signals, no output
     */
    RunSession(Invocation invocation, LocalSide local, RunStart start, boolean printGpid,
               Consumer<RunReply.Started> onStart, boolean leaveAfterStart) {
        this.invocation = invocation;
        this.local = local;
        this.start = start;
        this.printGpid = printGpid;
        this.onStart = onStart;
        this.leaveAfterStart = leaveAfterStart;
    }

    /** Runs the program through the daemon at {@code socket}; returns its status, or throws the failure to print when it did not start. */
    int run(Path socket) {
        try (RunCall call = RunCall.open(socket, invocation.tool())) {
            return run(call, socket);
        }
    }

    private int run(RunCall call, Path socket) {
        RunInputSender sender = call.sender();
        if (invocation.out() == System.out && !leaveAfterStart) {
            // krgrun's own stdout: the program's bytes go from the socket to fd 1 without PrintStream's copies.
            System.out.flush();
            call.writeStdoutTo(new FileOutputStream(FileDescriptor.out).getChannel(), () -> stdoutGone(sender));
        }
        Outcome outcome;
        try {
            sender.send(RunInputs.start(start));
            if (!forwardsStdin()) {
                sender.send(RunInputs.stdinEof());
            }
            outcome = relay(call, sender, socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel("krgrun was interrupted");
            outcome = new Outcome(RunExit.LOST, invocation.tool() + ": interrupted while the program was running");
        } finally {
            if (pump != null) {
                // A pump still blocked reading a pipe would hold the JVM's exit for 300 ms (HotSpot waits
                // that long for threads in native code): LocalSide's stdin is interruptible, so this ends it.
                pump.interrupt();
            }
            if (trapped != null) {
                trapped.close();
            }
            mode.restore();
            sender.finish();
        }
        // After the terminal is back to normal, so that the line is not printed in raw mode.
        if (outcome.line() != null) {
            invocation.err().println(outcome.line());
        }
        return outcome.exitCode();
    }

    /** Stdin is forwarded when it is not a terminal, or under -t; a terminal without -t stays krgrun's. */
    private boolean forwardsStdin() {
        if (leaveAfterStart) {
            return false;
        }
        return start.pty() || !local.stdinIsTerminal();
    }

    private Outcome relay(RunCall call, RunInputSender sender, Path socket) throws InterruptedException {
        while (true) {
            RunCall.Event event = call.next();
            if (event instanceof RunCall.Event.Ended ended) {
                return endedWithoutExit(ended.error(), socket);
            }
            // Not a switch on the type: its bootstrap would cost a cold krgrun a few milliseconds.
            RunReply output = ((RunCall.Event.Output) event).output();
            if (output instanceof RunReply.Started started) {
                if (leaveAfterStart) {
                    onStart.accept(started);
                    return new Outcome(ExitCode.OK, null);
                }
                started(started, sender);
            } else if (output instanceof RunReply.Output bytes) {
                if (bytes.stderr()) {
                    write(invocation.err(), bytes);
                } else {
                    writeStdout(bytes, sender);
                }
            } else if (output instanceof RunReply.Exit exit) {
                return new Outcome(RunExit.code(exit),
                        exit.error().isEmpty() ? null : invocation.tool() + ": " + exit.error());
            }
            call.requestNext();
        }
    }

    private void started(RunReply.Started started, RunInputSender sender) {
        gpid = started.gpid();
        boolean pty = start.pty();
        if (pty) {
            mode = local.terminal().change("raw", "-echo");
        }
        SignalForwarder forwarder = new SignalForwarder(sender, pty, local.terminal(), mode, local.stopSelf());
        trapped = local.signals().trap(forwarder.trapped(), forwarder::onSignal);
        // Only now: whoever reads the GPID may signal krgrun, and the signal must reach the program.
        onStart.accept(started);
        if (printGpid) {
            invocation.err().println(invocation.tool() + ": gpid " + Long.toUnsignedString(gpid) + " on node "
                    + started.nodeId());
            invocation.err().flush();
        }
        if (forwardsStdin()) {
            pump = StdinPump.start(local.stdin(), sender, invocation.err());
        }
    }

    private void writeStdout(RunReply.Output output, RunInputSender sender) {
        if (stdoutGone) {
            return;
        }
        write(invocation.out(), output);
        if (invocation.out().checkError()) {
            stdoutGone = true;
            stdoutGone(sender);
        }
    }

    /** Whoever read krgrun's stdout is gone: the program learns it as a local one would. */
    private static void stdoutGone(RunInputSender sender) {
        sender.send(RunInputs.signal(LinuxSignals.PIPE));
    }

    /** PrintStream never throws; its error flag is what writeStdout looks at. */
    private static void write(PrintStream stream, RunReply.Output output) {
        stream.write(output.array(), output.offset(), output.length());
        stream.flush();
    }

    private Outcome endedWithoutExit(Throwable error, Path socket) {
        String tool = invocation.tool();
        String process = "process " + Long.toUnsignedString(gpid);
        if (error == null) {
            return gpid == 0
                    ? new Outcome(ExitCode.FAILURE, tool + ": linuxssid ended the run before the program started")
                    : new Outcome(RunExit.LOST, tool + ": linuxssid ended the stream of " + process
                            + " without its exit status");
        }
        Status status = Status.fromThrowable(error);
        StatusRuntimeException failure = status.asRuntimeException(Status.trailersFromThrowable(error));
        if (gpid == 0) {
            ToolFailure refused = DaemonCallErrors.toFailure(failure, tool, socket,
                    DaemonConnection.CALL_DEADLINE);
            if (DaemonError.isFromDaemon(status, failure.getTrailers())
                    && RunExit.programNotFound(status, start.program())) {
                throw new ToolFailure(refused.getMessage(), RunExit.NOT_FOUND);
            }
            throw refused;
        }
        if (DaemonError.isFromDaemon(status, failure.getTrailers())) {
            return new Outcome(RunExit.LOST, tool + ": " + describe(status));
        }
        return new Outcome(RunExit.LOST, tool + ": lost the connection to linuxssid at " + socket
                + " while " + process + " was running (" + describe(status) + ")");
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        return description == null || description.isBlank() ? status.getCode().toString() : description;
    }
}
