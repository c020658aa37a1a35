package org.linuxssi.tools.krgcapset;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.CapabilitiesReply;
import org.linuxssi.api.v1.CapabilitiesRequest;
import org.linuxssi.api.v1.CapabilitySets;
import org.linuxssi.api.v1.MobilityGrpc;
import org.linuxssi.api.v1.SetCapabilitiesRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolFailure;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code krgcapset [-k PID] [-s]} and {@code krgcapset [-f] [-k PID] {-e|-p|-d|-i} VALUE...}:
 * Kerrighed's capability tool. Options act in the order given, as in Kerrighed.
 */
@Command(name = KrgcapsetCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Shows or changes the Kerrighed capabilities of a process: by default the shell that runs",
                "krgcapset, so that what the shell starts next (krgrun, krgcr-run) inherits them.",
                "A child's permitted set is its parent's inheritable permitted set; its effective set is its",
                "parent's inheritable effective set within that.",
                "VALUE is [+|-]CAP[,CAP...] (add, remove, or set exactly) or a number (octal 03, hex 0x3, decimal).",
                "CAP is CHANGE_KERRIGHED_CAP, CAN_MIGRATE, DISTANT_FORK or CHECKPOINTABLE, or a unique beginning",
                "of one; Kerrighed's other names are accepted with a warning that LinuxSSI does not support them."},
        footer = {"%nExamples:", "  krgcapset -d +CAN_MIGRATE      programs this shell starts next may migrate",
                "  krgcapset -k 20004242 -s       the sets of process 20004242",
                "%nExit status: 0 on success, 1 when the daemon refuses (the reason is printed), 2 for a wrong",
                "command line."})
public final class KrgcapsetCommand implements Callable<Integer> {

    public static final String NAME = "krgcapset";

    private final Invocation invocation;
    private final List<Step> steps = new ArrayList<>();

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-k", "--pid"}, paramLabel = "PID", order = 1,
            description = "Act on this process: a global PID (see krgps) or a pid on this node (default: the calling shell).")
    private String pid;

    @Option(names = {"-f", "--force"}, order = 2,
            description = "Allow a change that removes CHANGE_KERRIGHED_CAP (after which the sets can never change again).")
    private boolean force;

    private KrgcapsetCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    public static CommandLine commandLine(Invocation invocation) {
        // Each set option may come several times, applied in order, as in Kerrighed.
        return new CommandLine(new KrgcapsetCommand(invocation)).setOverwrittenOptionsAllowed(true);
    }

    /**
     * One option in the order given: show, or change one set. These options are methods, whose order
     * the JVM's reflection does not keep: their {@code order} fixes the help and the man page.
     */
    private record Step(char set, String value) {
    }

    @Option(names = {"-s", "--show"}, order = 3, description = "Show the four sets (at this point of the command line).")
    void show(boolean on) {
        if (on) {
            steps.add(new Step('s', null));
        }
    }

    @Option(names = {"-e", "--effective"}, paramLabel = "VALUE", order = 4, description = "Change the effective set.")
    void effective(String value) {
        if (value != null) {
            steps.add(new Step('e', value));
        }
    }

    @Option(names = {"-p", "--permitted"}, paramLabel = "VALUE", order = 5, description = "Change the permitted set.")
    void permitted(String value) {
        if (value != null) {
            steps.add(new Step('p', value));
        }
    }

    @Option(names = {"-d", "--inheritable-effective"}, paramLabel = "VALUE", order = 6,
            description = "Change the inheritable effective set.")
    void inheritableEffective(String value) {
        if (value != null) {
            steps.add(new Step('d', value));
        }
    }

    @Option(names = {"-i", "--inheritable-permitted"}, paramLabel = "VALUE", order = 7,
            description = "Change the inheritable permitted set.")
    void inheritablePermitted(String value) {
        if (value != null) {
            steps.add(new Step('i', value));
        }
    }

    @Override
    public Integer call() {
        if (steps.isEmpty()) {
            spec.commandLine().usage(invocation.out());
            return ExitCode.OK;
        }
        long target = target();
        try (DaemonConnection daemon = socket.connect(invocation)) {
            CapabilitiesReply current = daemon.call(MobilityGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    mobility -> mobility.getCapabilities(CapabilitiesRequest.newBuilder().setPid(target).build()));
            CapabilitySets.Builder sets = current.getSets().toBuilder();
            boolean changed = false;
            for (Step step : steps) {
                if (step.set == 's') {
                    show(sets.build());
                    continue;
                }
                CapabilityNames.Parsed parsed = parse(step, sets);
                parsed.warnings().forEach(warning -> invocation.err().println(NAME + ": warning: " + warning));
                switch (step.set) {
                    case 'e' -> sets.setEffective(parsed.value());
                    case 'p' -> sets.setPermitted(parsed.value());
                    case 'd' -> sets.setInheritableEffective(parsed.value());
                    default -> sets.setInheritablePermitted(parsed.value());
                }
                changed = true;
            }
            if (!changed) {
                return ExitCode.OK;
            }
            CapabilitySets wanted = sets.build();
            if (!force && canChange(current.getSets()) && !canChange(wanted)) {
                throw ToolFailure.of(invocation, "this change takes CHANGE_KERRIGHED_CAP out of the effective or "
                        + "permitted set of process " + current.getPid() + ", which could then never change its "
                        + "capabilities again; add -f to do it anyway");
            }
            daemon.call(MobilityGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    mobility -> mobility.setCapabilities(SetCapabilitiesRequest.newBuilder().setPid(current.getPid())
                            .setSets(wanted).build()));
        }
        return ExitCode.OK;
    }

    private static boolean canChange(CapabilitySets sets) {
        return (sets.getPermitted() & sets.getEffective() & CapabilityNames.CHANGE_KERRIGHED_CAP) != 0;
    }

    private CapabilityNames.Parsed parse(Step step, CapabilitySets.Builder sets) {
        int now = switch (step.set) {
            case 'e' -> sets.getEffective();
            case 'p' -> sets.getPermitted();
            case 'd' -> sets.getInheritableEffective();
            default -> sets.getInheritablePermitted();
        };
        try {
            return CapabilityNames.apply(step.value, now);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "-" + step.set + ": " + e.getMessage());
        }
    }

    private long target() {
        if (pid == null) {
            return 0;
        }
        if (!pid.matches("[1-9][0-9]{0,17}")) {
            throw new ParameterException(spec.commandLine(), "-k: '" + pid + "' is not a process id (a global PID "
                    + "such as 20004242, or a pid on this node)");
        }
        return Long.parseLong(pid);
    }

    private void show(CapabilitySets sets) {
        print("Permitted Capabilities", sets.getPermitted());
        print("Effective Capabilities", sets.getEffective());
        print("Inheritable Permitted Capabilities", sets.getInheritablePermitted());
        print("Inheritable Effective Capabilities", sets.getInheritableEffective());
    }

    private void print(String title, int value) {
        invocation.out().println(title + ": 0" + Integer.toOctalString(value));
        invocation.out().println(CapabilityNames.list(value));
    }
}
