package org.linuxssi.tools;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/** The --json output of status commands: the daemon's reply as one JSON document. */
public final class ProtoJson {

    private ProtoJson() {
    }

    /**
     * Field names stay as in the .proto (session_id, like the node.conf key), and fields at their
     * default are printed, so that a script reading "up" sees false rather than nothing.
     */
    public static String print(MessageOrBuilder message) {
        try {
            return JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
