package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.linuxssi.api.v1.ProcessInfo;

/**
 * Base of the CRIU test classes: a counter (a python loop printing 0, 1, 2... every 100 ms) started
 * by krgrun from a real shell, whose caller's output is collected line by line.
 */
abstract class CounterClusterTest extends ThreeNodeClusterTest {

    /** Prints 0, 1, 2... every 100 ms, one process (no children to restore). */
    static final String COUNTER = "python3 -u -c 'import time\ni=0\nwhile True:\n print(i)\n i+=1\n time.sleep(0.1)'";

    @BeforeAll
    void criu() {
        CriuAvailability.usable();
    }

    /** A counter started through krgrun from a shell; its stdout lines collect in {@code lines}. */
    record Counter(Process shell, long gpid, List<Long> lines) {
        long last() {
            return lines.isEmpty() ? -1 : lines.getLast();
        }
    }

    Counter startCounter(String capabilities, int node) throws Exception {
        return startCounter(capabilities, node, COUNTER);
    }

    /** The same with another program that prints 0, 1, 2... */
    Counter startCounter(String capabilities, int node, String counter) throws Exception {
        Process shell = ShellSession.start(cluster.node(1), dir, capabilities + "\nkrgrun --print-gpid -n " + node
                + " " + counter + "\n");
        BufferedReader err = new BufferedReader(new InputStreamReader(shell.getErrorStream(), StandardCharsets.UTF_8));
        String first = err.readLine();
        assertThat(first).as("krgrun's first line").startsWith("krgrun: gpid ");
        long gpid = Long.parseLong(first.split(" ")[2]);
        List<Long> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(Long.parseLong(line.strip()));
                }
            } catch (Exception e) {
                lines.add(-999L);
            }
        });
        return new Counter(shell, gpid, lines);
    }

    void stop(Counter counter) throws Exception {
        node1.signal(9, counter.gpid());
        assertThat(counter.shell().waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    ProcessInfo listed(long gpid) {
        return node1.list().getProcessesList().stream().filter(p -> p.getGpid() == gpid).findFirst().orElseThrow();
    }
}
