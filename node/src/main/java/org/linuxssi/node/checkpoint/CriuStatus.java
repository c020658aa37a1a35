package org.linuxssi.node.checkpoint;

import java.util.Optional;

/**
 * Whether this node can checkpoint, restart and migrate, found once at start.
 *
 * @param criu    the usable criu, or empty
 * @param summary one line for {@code krgadm nodes status -v} and for error messages: the version when
 *                usable, else what is wrong and what to do
 */
public record CriuStatus(Optional<Criu> criu, String summary) {

    public boolean usable() {
        return criu.isPresent();
    }
}
