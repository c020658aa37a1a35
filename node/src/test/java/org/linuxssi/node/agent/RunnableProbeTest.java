package org.linuxssi.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.api.v1.RunnableProcess;
import org.linuxssi.shepherd.ShepherdStateDir;

class RunnableProbeTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong(1_000);

    private void stat(long pid, String state, long utimeTicks, long stimeTicks) throws Exception {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (busy (loop)) " + state + " 1 " + pid + " " + pid
                + " 0 -1 4194304 0 0 0 0 " + utimeTicks + " " + stimeTicks + " 0 0 20 0 1 0 100 0 0\n");
    }

    private void managed(LocalProcessTable table, long gpid, long pid) throws Exception {
        Path dir = Files.createDirectories(root.resolve("state").resolve(Long.toString(gpid)));
        ProcessRecord record = new ProcessRecord(gpid, 1, 1, 0, "root", "loop", "loop", "/", 0, false, dir);
        table.add(new LocalProcess(record, new ShepherdStateDir(dir), pid + 1_000, pid));
    }

    @Test
    void listsTheRunnableOnesWithTheCpuTheyUsedSinceThePreviousReading() throws Exception {
        LocalProcessTable table = new LocalProcessTable(root.resolve("state"));
        managed(table, 10_000_101L, 101);
        managed(table, 10_000_102L, 102);
        managed(table, 10_000_103L, 103);
        stat(101, "R", 100, 0);
        stat(102, "S", 5, 0);
        // 103 has gone from /proc: not listed.
        RunnableProbe probe = new RunnableProbe(table, root.resolve("proc"), clock::get);

        assertThat(probe.read()).containsExactly(
                RunnableProcess.newBuilder().setGpid(10_000_101L).setCpu(0).build());

        clock.addAndGet(2_000);
        stat(101, "R", 250, 50);
        assertThat(probe.read()).as("200 ticks (2 s of CPU) in 2 s: one CPU")
                .containsExactly(RunnableProcess.newBuilder().setGpid(10_000_101L).setCpu(1.0).build());

        clock.addAndGet(1_000);
        stat(101, "S", 250, 50);
        stat(102, "R", 55, 0);
        assertThat(probe.read()).containsExactly(
                RunnableProcess.newBuilder().setGpid(10_000_102L).setCpu(0.5).build());
    }
}
