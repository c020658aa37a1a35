package org.linuxssi.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Traps signals of the tool's own process with {@code sun.misc.Signal}. HotSpot keeps QUIT for its
 * thread dumps (and, under -Xrs, also INT, TERM and HUP), so those are left out instead of failing.
 */
public final class JvmSignalTrap implements SignalTrap {

    @Override
    public Trapped trap(List<String> names, IntConsumer handler) {
        List<Signal> trapped = new ArrayList<>();
        List<SignalHandler> previous = new ArrayList<>();
        for (String name : names) {
            Signal signal = new Signal(name);
            try {
                previous.add(Signal.handle(signal, arrived -> handler.accept(arrived.getNumber())));
                trapped.add(signal);
            } catch (IllegalArgumentException reservedByTheJvm) {
                // Documented in tools/README.md: such a signal keeps its JVM meaning and is not forwarded.
            }
        }
        return new Trapped(trapped.stream().map(Signal::getName).toList(), () -> {
            for (int i = 0; i < trapped.size(); i++) {
                Signal.handle(trapped.get(i), previous.get(i));
            }
        });
    }
}
