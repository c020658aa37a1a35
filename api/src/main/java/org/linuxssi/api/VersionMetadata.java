package org.linuxssi.api;

import io.grpc.Metadata;

/** The metadata keys every call and every answer carry. */
public final class VersionMetadata {

    public static final Metadata.Key<String> COMPONENT =
            Metadata.Key.of("linuxssi-component", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> VERSION =
            Metadata.Key.of("linuxssi-version", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> NODE =
            Metadata.Key.of("linuxssi-node", Metadata.ASCII_STRING_MARSHALLER);

    private VersionMetadata() {
    }

    static Metadata of(Component self, int nodeId) {
        Metadata metadata = new Metadata();
        metadata.put(COMPONENT, self.name());
        metadata.put(VERSION, self.version().toString());
        if (nodeId > 0) {
            metadata.put(NODE, Integer.toString(nodeId));
        }
        return metadata;
    }

    static int nodeOf(Metadata metadata) {
        String node = metadata.get(NODE);
        try {
            return node == null ? 0 : Integer.parseInt(node);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
