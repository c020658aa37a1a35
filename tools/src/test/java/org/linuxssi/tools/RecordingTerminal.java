package org.linuxssi.tools;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Terminal for tests: a settable size, and every mode change recorded as a line ("raw -echo", "restore"). */
public final class RecordingTerminal implements Terminal {

    public final List<String> events = new CopyOnWriteArrayList<>();
    public volatile TerminalSize size = new TerminalSize(24, 80);

    @Override
    public Optional<TerminalSize> size() {
        return Optional.ofNullable(size);
    }

    @Override
    public Mode change(String... sttyArguments) {
        String mode = String.join(" ", sttyArguments);
        events.add(mode);
        return new Mode() {
            @Override
            public void restore() {
                events.add("restore");
            }

            @Override
            public void reapply() {
                events.add(mode);
            }
        };
    }
}
