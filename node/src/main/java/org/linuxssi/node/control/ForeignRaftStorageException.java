package org.linuxssi.node.control;

import java.io.IOException;

/** The Raft storage on disk belongs to a group this manager, at its configured address, is not a member of. */
public final class ForeignRaftStorageException extends IOException {

    public ForeignRaftStorageException(String message) {
        super(message);
    }
}
