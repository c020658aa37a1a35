package org.linuxssi.tools.krgrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunExitTest {

    @ParameterizedTest(name = "status {0}, signal {1}, exit_code {2}, error ''{3}'' -> {4}")
    @CsvSource({"0,0,0,,0", "3,0,3,,3", "137,9,0,,137", "0,9,0,,137", "130,2,0,,130", "0,0,5,,5",
            "255,0,0,node 2 was lost,255", "0,0,0,could not start,255", "127,0,0,not found,127", "300,0,0,,255",
            "-1,0,0,,255"})
    void theShellsStatus(int status, int signal, int exitCode, String error, int expected) {
        RunReply.Exit exit = new RunReply.Exit(status, exitCode, signal, error == null ? "" : error);
        assertThat(RunExit.code(exit)).isEqualTo(expected);
    }

    @Test
    void notFoundOnlyWhenTheMessageNamesTheProgram() {
        assertThat(RunExit.programNotFound(Status.NOT_FOUND.withDescription("program 'nosuch' not found in PATH"),
                "nosuch")).isTrue();
        assertThat(RunExit.programNotFound(Status.INVALID_ARGUMENT.withDescription("nosuch: No such file or directory"),
                "nosuch")).isTrue();
        assertThat(RunExit.programNotFound(Status.NOT_FOUND.withDescription("node 7 not found"), "node")).isFalse();
        assertThat(RunExit.programNotFound(Status.NOT_FOUND.withDescription("policy 'x' not found"), "ls")).isFalse();
        assertThat(RunExit.programNotFound(Status.NOT_FOUND.withDescription("cwd '/nope': no such file or directory"),
                "ls")).isFalse();
        assertThat(RunExit.programNotFound(Status.NOT_FOUND, "ls")).isFalse();
    }
}
