package org.linuxssi.tools.krgrun;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.io.InputStream;
import java.io.PrintStream;

/** Copies krgrun's stdin to the program in chunks of at most 64 KiB, then says end of input. */
final class StdinPump implements Runnable {

    static final int CHUNK_BYTES = 64 * 1024;

    private final InputStream stdin;
    private final RunInputSender sender;
    private final PrintStream err;

    StdinPump(InputStream stdin, RunInputSender sender, PrintStream err) {
        this.stdin = stdin;
        this.sender = sender;
        this.err = err;
    }

    /**
     * Starts the pump on a daemon thread: a read of stdin cannot be interrupted, and a pump still
     * blocked in one when the program has exited must not keep krgrun alive.
     */
    static Thread start(InputStream stdin, RunInputSender sender, PrintStream err) {
        return Thread.ofPlatform().daemon().name("krgrun-stdin").start(new StdinPump(stdin, sender, err));
    }

    @Override
    public void run() {
        byte[] buffer = new byte[CHUNK_BYTES];
        try {
            int read;
            while ((read = stdin.read(buffer)) >= 0) {
                if (read > 0 && !sender.sendStdin(buffer, read)) {
                    return;
                }
            }
        } catch (ClosedByInterruptException e) {
            // The run is over (RunSession stopped the pump): nothing more to send.
            return;
        } catch (IOException e) {
            err.println("krgrun: cannot read stdin (" + e.getMessage() + "); the program sees its end");
        } catch (InterruptedException e) {
            return;
        }
        sender.send(RunInputs.stdinEof());
    }
}
