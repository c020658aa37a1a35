package org.linuxssi.tools.krgjob;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.linuxssi.api.v1.DrmaaGrpc;
import org.linuxssi.api.v1.JobTemplate;
import org.linuxssi.api.v1.SubmitReply;
import org.linuxssi.api.v1.SubmitRequest;
import org.linuxssi.tools.DaemonConnection;
import org.linuxssi.tools.ExitCode;
import org.linuxssi.tools.Invocation;
import org.linuxssi.tools.LocalSide;
import org.linuxssi.tools.NodeIdConverter;
import org.linuxssi.tools.SocketOption;
import org.linuxssi.tools.krgrun.MemorySize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code krgjob submit}: one job, or an array of jobs, committed in the cluster state before the id is printed. */
@Command(name = "submit", sortOptions = false,
        description = {"Submits CMD as a batch job and prints its id (an array: FIRST-LAST).",
                "The job runs as you, in the current directory (or -D), with your environment;",
                "its output goes to -o and -e (default /dev/null). $LINUXSSI_JOB_ID and",
                "$LINUXSSI_JOB_INDEX hold its id and array index; $drmaa_incr_ph$ in -o/-e is the index."})
final class SubmitCommand implements Callable<Integer> {

    private final Invocation invocation;
    private final SocketOption socket;
    private final LocalSide local;

    @Option(names = {"-n", "--node"}, paramLabel = "NODE", converter = NodeIdConverter.class,
            description = "Run on this node (1-4094) instead of where the scheduler chooses.")
    private Integer node;

    @Option(names = "--hold", description = "Submit held: the job waits for 'krgjob release'.")
    private boolean hold;

    @Option(names = "--array", paramLabel = "A-B[:S]", converter = ArrayRange.Converter.class,
            description = "One job per index A, A+S, ... up to B.")
    private ArrayRange array;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "File for the job's standard output.")
    private String output;

    @Option(names = {"-e", "--error"}, paramLabel = "FILE", description = "File for its standard error (default: with -o, the same file).")
    private String error;

    @Option(names = {"-D", "--chdir"}, paramLabel = "DIR", description = "Working directory of the job.")
    private Path chdir;

    @Option(names = {"-J", "--name"}, paramLabel = "NAME", description = "A name for the job.")
    private String name;

    @Option(names = "--mem", paramLabel = "SIZE", converter = MemorySize.Converter.class,
            description = "Memory the job needs, e.g. 512M: it runs on a node with that much free.")
    private Long mem;

    @Option(names = "--policy", paramLabel = "NAME", description = "Placement policy: least_loaded, round_robin or pack.")
    private String policy;

    @Option(names = "--rerunnable", description = "Start the job again elsewhere if its node is lost (default: it fails).")
    private boolean rerunnable;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments.")
    private List<String> command;

    SubmitCommand(Invocation invocation, SocketOption socket, LocalSide local) {
        this.invocation = invocation;
        this.socket = socket;
        this.local = local;
    }

    @Override
    public Integer call() {
        Path cwd = chdir == null ? local.cwd() : local.cwd().resolve(chdir);
        JobTemplate.Builder template = JobTemplate.newBuilder().addAllArgv(command)
                .setWorkingDirectory(cwd.toAbsolutePath().normalize().toString()).setHold(hold)
                .setRerunnable(rerunnable);
        Map<String, String> env = new TreeMap<>(invocation.env());
        env.forEach((key, value) -> template.addEnv(key + "=" + value));
        if (output != null) {
            template.setOutputPath(cwd.resolve(output).toString());
            if (error == null) {
                template.setJoinFiles(true);
            }
        }
        if (error != null) {
            template.setErrorPath(cwd.resolve(error).toString());
        }
        if (node != null) {
            template.setNodeId(node);
        }
        if (name != null) {
            template.setJobName(name);
        }
        if (mem != null) {
            template.setMemBytes(mem);
        }
        if (policy != null) {
            template.setPolicy(policy);
        }
        try (DaemonConnection daemon = socket.connect(invocation)) {
            long session = new JobService(daemon).session();
            SubmitRequest.Builder request = SubmitRequest.newBuilder().setSessionId(session).setTemplate(template);
            if (array != null) {
                request.setBulk(true).setStart(array.start()).setEnd(array.end()).setIncr(array.step());
            }
            SubmitReply reply = daemon.call(DrmaaGrpc::newBlockingStub, DaemonConnection.CALL_DEADLINE,
                    drmaa -> drmaa.submit(request.build()));
            long last = reply.getFirstJobId() + reply.getCount() - 1;
            invocation.out().println(array == null ? Long.toString(reply.getFirstJobId())
                    : reply.getFirstJobId() + "-" + last);
        }
        return ExitCode.OK;
    }
}
