package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** krgcapset from real shells: Kerrighed's listing, inheritance by what the shell starts, refusals. */
class CapabilityTest extends ThreeNodeClusterTest {

    @Test
    void showPrintsTheFourSetsAsKerrighedDid() throws Exception {
        ToolRun run = ShellSession.run(cluster.node(1), dir, "krgcapset -s");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("""
                Permitted Capabilities: 027
                \tCHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK, CHECKPOINTABLE
                Effective Capabilities: 05
                \tCHANGE_KERRIGHED_CAP, DISTANT_FORK
                Inheritable Permitted Capabilities: 027
                \tCHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK, CHECKPOINTABLE
                Inheritable Effective Capabilities: 05
                \tCHANGE_KERRIGHED_CAP, DISTANT_FORK
                """);
    }

    @Test
    void aShellsInheritableEffectiveSetIsWhatItsNextKrgrunProcessHasInEffect() throws Exception {
        assertThat(effectiveOfNextProcess("krgcapset -d +CAN_MIGRATE || exit 1")).isEqualTo(
                "Effective Capabilities: 07");
        assertThat(effectiveOfNextProcess("true")).isEqualTo("Effective Capabilities: 05");
    }

    /** Runs {@code setup} then a krgrun'd sleep in one shell; the sleep's effective line as krgcapset -k shows it. */
    private String effectiveOfNextProcess(String setup) throws Exception {
        Process shell = ShellSession.start(cluster.node(1), dir, setup + "\nkrgrun --print-gpid -n 2 sleep 60\n");
        try {
            java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(
                    shell.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line = err.readLine();
            assertThat(line).as("krgrun's first line").startsWith("krgrun: gpid ");
            long gpid = Long.parseLong(line.split(" ")[2]);
            ToolRun show = ShellSession.run(cluster.node(1), dir, "krgcapset -k " + gpid + " -s");
            node1.signal(9, gpid);
            assertThat(show.code()).as(show.toString()).isZero();
            return show.out().lines().filter(l -> l.startsWith("Effective")).findFirst().orElseThrow();
        } finally {
            assertThat(shell.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void octalAndNameFormsSetTheSameBitsAndShowReflectsEachStepInOrder() throws Exception {
        ToolRun run = ShellSession.run(cluster.node(1), dir, """
                krgcapset -d 07 -s -d -CAN_M -s | grep '^Inheritable Effective'
                """);
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("""
                Inheritable Effective Capabilities: 07
                Inheritable Effective Capabilities: 05
                """);
    }

    @Test
    void withoutDistantForkKrgrunRunsOnTheCallersNode() throws Exception {
        ToolRun run = ShellSession.run(cluster.node(1), dir, """
                krgcapset -d -DISTANT_FORK || exit 1
                for i in 1 2 3; do krgrun --print-gpid true; done
                """);
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err().lines().filter(l -> l.startsWith("krgrun: gpid"))).hasSize(3)
                .allMatch(l -> l.endsWith(" on node 1"));
    }

    @Test
    void losingChangeKerrighedCapNeedsForceAndThenEveryChangeIsRefused() throws Exception {
        ToolRun run = ShellSession.run(cluster.node(1), dir, """
                krgcapset -e -CHANGE_KERRIGHED_CAP; echo "no force: $?"
                krgcapset -f -e -CHANGE_KERRIGHED_CAP; echo "force: $?"
                krgcapset -e +CAN_MIGRATE; echo "after: $?"
                """);
        assertThat(run.out()).isEqualTo("no force: 1\nforce: 0\nafter: 1\n");
        assertThat(run.err()).contains("krgcapset: this change takes CHANGE_KERRIGHED_CAP out of the effective or "
                + "permitted set of process").contains("add -f to do it anyway")
                .contains("CHANGE_KERRIGHED_CAP is not in the effective set (04)");
    }

    @Test
    void effectiveBeyondPermittedIsRefusedWithTheReason() throws Exception {
        ToolRun run = ShellSession.run(cluster.node(1), dir, "krgcapset -p 05 -e 07");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("effective 07 is not within permitted 05");
    }

    @Test
    void badValuesAndPidsAreUsageErrors() throws Exception {
        ToolRun name = ShellSession.run(cluster.node(1), dir, "krgcapset -d +TELEPORT");
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err()).startsWith("krgcapset: -d: unrecognized capability 'TELEPORT' (allowed: "
                + "CHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK, CHECKPOINTABLE");
        ToolRun pid = ShellSession.run(cluster.node(1), dir, "krgcapset -k 12x -s");
        assertThat(pid.code()).isEqualTo(2);
        assertThat(pid.err()).startsWith("krgcapset: -k: '12x' is not a process id");
        ToolRun missing = ShellSession.run(cluster.node(1), dir, "krgcapset -k 90000001 -s");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no process 90000001 in the cluster");
        ToolRun warned = ShellSession.run(cluster.node(1), dir, "krgcapset -d +USE_REMOTE_MEMORY");
        assertThat(warned.code()).isZero();
        assertThat(warned.err()).isEqualTo("krgcapset: warning: USE_REMOTE_MEMORY is not supported by LinuxSSI "
                + "(ignored)\n");
    }
}
