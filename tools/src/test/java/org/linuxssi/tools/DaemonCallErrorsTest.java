package org.linuxssi.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.linuxssi.api.DaemonError;

class DaemonCallErrorsTest {

    private static final Path SOCKET = Path.of("/run/linuxssi/ssi.sock");

    private static ToolFailure map(StatusRuntimeException e) {
        return DaemonCallErrors.toFailure(e, "krgadm", SOCKET, Duration.ofSeconds(30));
    }

    @Test
    void aDaemonsOwnErrorIsPrintedAsWorded() {
        ToolFailure failure = map(DaemonError.failedPrecondition("node 1 is this node; it cannot be removed"));
        assertThat(failure.getMessage()).isEqualTo("krgadm: node 1 is this node; it cannot be removed");
        assertThat(failure.exitCode()).isEqualTo(1);
    }

    @Test
    void aDaemonWithoutQuorumIsNotMistakenForAMissingDaemon() {
        ToolFailure failure = map(DaemonError.noQuorum("no leader among managers 1,2,3 within 10 s"));
        assertThat(failure.getMessage()).isEqualTo("krgadm: no leader among managers 1,2,3 within 10 s");
    }

    @Test
    void aVersionRefusalIsPrintedAsWorded() {
        Metadata trailers = new Metadata();
        StatusRuntimeException e = Status.FAILED_PRECONDITION
                .withDescription("krgadm 1.0 cannot talk to linuxssid 2.0 on node 4: install linuxssi-tools 2.x")
                .asRuntimeException(trailers);
        assertThat(map(e).getMessage())
                .isEqualTo("krgadm: krgadm 1.0 cannot talk to linuxssid 2.0 on node 4: install linuxssi-tools 2.x");
    }

    @Test
    void noDaemonAtTheSocket() {
        StatusRuntimeException e = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new IOException("connect(..) failed: No such file or directory")).asRuntimeException();
        ToolFailure failure = map(e);
        assertThat(failure.getMessage())
                .isEqualTo("LinuxSSI is not running on this node (no daemon at /run/linuxssi/ssi.sock)");
        assertThat(failure.exitCode()).isEqualTo(1);
    }

    @Test
    void aSocketTheUserMayNotUseIsNotCalledAMissingDaemon() {
        StatusRuntimeException e = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new IOException("connect(..) failed: Permission denied")).asRuntimeException();
        assertThat(map(e).getMessage()).startsWith("krgadm: no permission to use the linuxssid socket "
                + "/run/linuxssi/ssi.sock");
    }

    @Test
    void noAnswerInTime() {
        ToolFailure failure = map(Status.DEADLINE_EXCEEDED.asRuntimeException());
        assertThat(failure.getMessage())
                .isEqualTo("krgadm: linuxssid at /run/linuxssi/ssi.sock did not answer within 30 s");
        assertThat(failure.exitCode()).isEqualTo(1);
    }

    @Test
    void anythingElseNamesTheDaemonAndTheStatus() {
        assertThat(map(Status.INTERNAL.withDescription("boom").asRuntimeException()).getMessage())
                .isEqualTo("krgadm: call to linuxssid at /run/linuxssi/ssi.sock failed: boom");
        assertThat(map(Status.UNKNOWN.asRuntimeException()).getMessage())
                .isEqualTo("krgadm: call to linuxssid at /run/linuxssi/ssi.sock failed: UNKNOWN");
    }
}
