package org.linuxssi.node.space;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.Supplier;
import org.linuxssi.api.DaemonError;
import org.linuxssi.api.v1.NodeInfo;

/**
 * One call to another node's daemon on a tool's behalf: that daemon's own refusal reaches the tool
 * as it was said; a node that does not answer is named.
 */
final class AgentCall {

    private AgentCall() {
    }

    static <T> T to(NodeInfo node, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            if (DaemonError.isFromDaemon(e.getStatus(), e.getTrailers())) {
                throw DaemonError.of(e.getStatus().getCode(), e.getStatus().getDescription());
            }
            throw DaemonError.of(Status.Code.UNAVAILABLE, "node " + node.getNodeId() + " did not answer ("
                    + e.getStatus().getCode() + ")");
        }
    }
}
