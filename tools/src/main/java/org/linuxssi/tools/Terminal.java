package org.linuxssi.tools;

import java.util.Optional;

/** The user's terminal as a tool may change it: its size, and a mode set with stty(1) arguments. */
public interface Terminal {

    /** No terminal: no size, and mode changes do nothing. */
    Terminal NONE = new Terminal() {
        @Override
        public Optional<TerminalSize> size() {
            return Optional.empty();
        }

        @Override
        public Mode change(String... sttyArguments) {
            return Mode.NONE;
        }
    };

    /** Empty when there is no terminal or it does not know its size. */
    Optional<TerminalSize> size();

    /** Sets the mode (e.g. {@code raw -echo}); the returned handle puts the previous settings back. */
    Mode change(String... sttyArguments);

    /** A changed mode; {@link #restore} and {@link #reapply} may be called any number of times. */
    interface Mode extends AutoCloseable {

        Mode NONE = new Mode() {
            @Override
            public void restore() {
            }

            @Override
            public void reapply() {
            }
        };

        /** Puts back the settings the terminal had before the change. */
        void restore();

        /** Sets the changed mode again, e.g. after the tool was stopped and continued. */
        void reapply();

        @Override
        default void close() {
            restore();
        }
    }
}
