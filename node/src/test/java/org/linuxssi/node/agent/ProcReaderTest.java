package org.linuxssi.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcReaderTest {

    @TempDir
    Path proc;

    @Test
    void readsWhatPsShowsFromStatStatusAndCmdline() throws Exception {
        Files.writeString(proc.resolve("uptime"), "1000.00 1800.00\n");
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3\nbtime 1700000000\n");
        Path pid = Files.createDirectories(proc.resolve("4242"));
        // comm with a space and a parenthesis, as a program may name itself; started at 500 s, 20 s of CPU
        Files.writeString(pid.resolve("stat"), "4242 (my (prog) x) S 1 4242 4242 34816 4242 4194304 1 0 0 0 "
                + "1500 500 0 0 20 0 3 0 50000 1000000 300 18446744073709551615\n");
        Files.writeString(pid.resolve("status"), "Name:\tprog\nUid:\t1000\t1000\t1000\t1000\nVmRSS:\t   1234 kB\n");
        Files.write(pid.resolve("cmdline"), "prog\0--flag\0value\0".getBytes());

        ProcReader reader = new ProcReader(proc);
        ProcReader.Sample sample = reader.read(List.of(4242L, 999L)).getFirst();

        assertThat(sample.uid()).isEqualTo(1000);
        assertThat(sample.rssKb()).isEqualTo(1234);
        assertThat(sample.stat()).isEqualTo("Ssl+");
        assertThat(sample.cpuTimeMs()).isEqualTo(20_000);
        assertThat(sample.cpuPercent()).isEqualTo(4.0);
        assertThat(sample.startMs()).isEqualTo(1_700_000_500_000L);
        assertThat(sample.command()).isEqualTo("prog --flag value");
        assertThat(reader.arguments(4242)).containsExactly("prog", "--flag", "value");
        assertThat(reader.read(List.of(999L))).isEmpty();
        assertThat(reader.pids()).containsExactly(4242L);
    }

    @Test
    void aKernelThreadShowsItsNameInBrackets() throws Exception {
        Files.writeString(proc.resolve("uptime"), "10.0 10.0\n");
        Files.writeString(proc.resolve("stat"), "btime 1\n");
        Path pid = Files.createDirectories(proc.resolve("2"));
        Files.writeString(pid.resolve("stat"), "2 (kthreadd) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 0 0\n");
        Files.writeString(pid.resolve("status"), "Uid:\t0\t0\t0\t0\n");
        Files.write(pid.resolve("cmdline"), new byte[0]);

        ProcReader.Sample sample = new ProcReader(proc).read(List.of(2L)).getFirst();
        assertThat(sample.command()).isEqualTo("[kthreadd]");
        assertThat(sample.rssKb()).isZero();
    }

    @Test
    void readsThisJvmFromTheRealProc() {
        long self = ProcessHandle.current().pid();
        ProcReader.Sample sample = ProcReader.system().read(List.of(self)).getFirst();
        assertThat(sample.command()).contains("java");
        assertThat(sample.rssKb()).isPositive();
        assertThat(sample.stat()).contains("l");
    }
}
