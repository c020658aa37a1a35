package org.linuxssi.tools.krgkill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.ProcessesGrpc;
import org.linuxssi.api.v1.SignalReply;
import org.linuxssi.api.v1.SignalRequest;
import org.linuxssi.api.v1.SignalResult;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LinuxSignals;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code krgkill [-s SIGNAL] GPID...}: kill(1) for global PIDs, wherever the processes run. */
@Command(name = KrgkillCommand.NAME, mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
        sortOptions = false,
        description = {"Sends a signal (TERM unless told) to processes anywhere in the cluster, named by global PID.",
                "As with kill(1), the signal may also be given as -KILL or -9, and -l lists or translates names."},
        footer = {"%nExit status: 0 when every process got the signal, 1 when one did not (each is named on",
                "stderr as 'krgkill: GPID: reason'), 2 for a wrong command line."})
public final class KrgkillCommand implements Callable<Integer> {

    public static final String NAME = "krgkill";

    private final Invocation invocation;

    @Mixin
    private SocketOption socket;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", converter = SignalConverter.class,
            description = "The signal: a name with or without SIG (KILL, SIGUSR1) or a number (default: TERM).")
    private Integer signal;

    @Option(names = {"-l", "--list"},
            description = "List the signal names; with operands, translate names to numbers and numbers to names.")
    private boolean list;

    @Parameters(paramLabel = "GPID", description = "Global PIDs, node id x 10,000,000 + local pid, e.g. 20004242.")
    private List<String> operands = new ArrayList<>();

    private KrgkillCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /** The command line for {@code args} as given, short signal forms (-9, -KILL) included. */
    public static CommandLine commandLine(Invocation invocation) {
        return new CommandLine(new KrgkillCommand(invocation));
    }

    /** Rewrites kill(1)'s short form, a first argument such as -9, -KILL or -SIGUSR1, as {@code -s SIGNAL}. */
    public static String[] expandShortSignal(String[] args) {
        if (args.length == 0 || !args[0].matches("-[^-].*") || LinuxSignals.parse(args[0].substring(1)).isEmpty()) {
            return args;
        }
        List<String> expanded = new ArrayList<>(Arrays.asList(args));
        expanded.set(0, args[0].substring(1));
        expanded.add(0, "-s");
        return expanded.toArray(String[]::new);
    }

    @Override
    public Integer call() {
        if (list) {
            return list();
        }
        if (operands.isEmpty()) {
            throw usage("no global PID given (expected krgkill [-s SIGNAL] GPID...)");
        }
        List<Long> gpids = GlobalPids.parse(operands, spec.commandLine());
        SignalRequest request = SignalRequest.newBuilder().addAllGpids(gpids)
                .setSignal(signal == null ? LinuxSignals.TERM : signal).build();
        SignalReply reply;
        try (DaemonConnection daemon = socket.connect(invocation)) {
            reply = daemon.call(ProcessesGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    processes -> processes.signal(request));
        }
        boolean failed = false;
        for (SignalResult result : reply.getResultsList()) {
            if (!result.getError().isEmpty()) {
                invocation.err().println(NAME + ": " + Long.toUnsignedString(result.getGpid()) + ": "
                        + result.getError());
                failed = true;
            }
        }
        return failed ? ExitCode.FAILURE : ExitCode.OK;
    }

    /** Without operands "1 HUP" per line; with them each name's number or each number's name (exit status too). */
    private int list() {
        if (operands.isEmpty()) {
            for (int number = 1; number <= LinuxSignals.NAMES.size(); number++) {
                invocation.out().println(number + " " + LinuxSignals.name(number));
            }
            invocation.out().println(LinuxSignals.RTMIN + " RTMIN");
            invocation.out().println(LinuxSignals.RTMAX + " RTMAX");
            return ExitCode.OK;
        }
        for (String operand : operands) {
            if (operand.matches("\\d{1,3}")) {
                int number = Integer.parseInt(operand);
                // An exit status of 128+N names signal N, as in bash's kill -l.
                int signalNumber = number > 128 ? number - 128 : number;
                if (signalNumber < 1 || signalNumber > LinuxSignals.RTMAX) {
                    throw usage("unknown signal '" + operand + "' (" + LinuxSignals.EXPECTED + ")");
                }
                invocation.out().println(LinuxSignals.name(signalNumber));
            } else {
                Optional<Integer> number = LinuxSignals.parse(operand);
                if (number.isEmpty()) {
                    throw usage("unknown signal '" + operand + "' (" + LinuxSignals.EXPECTED + ")");
                }
                invocation.out().println(number.get());
            }
        }
        return ExitCode.OK;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
