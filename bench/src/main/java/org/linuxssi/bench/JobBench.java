package org.linuxssi.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.linuxssi.api.GrpcEndpoints;
import org.linuxssi.api.v1.DrmaaGrpc;
import org.linuxssi.api.v1.JobStatus;
import org.linuxssi.api.v1.ListJobsReply;
import org.linuxssi.api.v1.ListJobsRequest;
import org.linuxssi.drmaa.LinuxSsiSession;
import org.linuxssi.testkit.LocalCluster;

/**
 * krg-drmaa end to end on a 3-node local cluster: one runBulkJobs of /bin/true jobs, how fast the
 * cluster acknowledges them (committed) and completes them, next to local fork/exec of /bin/true
 * measured in the same run with as many threads as there are CPUs; and the bytes of replicated
 * state a queued job costs (its job record and its share of the stored template).
 */
final class JobBench {

    private JobBench() {
    }

    static void run(int jobs, int queued, Path under) throws Exception {
        int baselineRuns = Math.max(jobs / 5, 200);
        Baseline before = localForkExec(baselineRuns);
        Path dir = Files.createTempDirectory(under, "lssi-jobs");
        // The daemons' production JVM options (as bin/linuxssid and the service): the tests' quick-start
        // ones (C1 only, small heap) would make the cluster slower than it is.
        try (LocalCluster cluster = LocalCluster.builder(dir).nodes(3).productionJvm().start(Duration.ofSeconds(120))) {
            Session session = new LinuxSsiSession();
            session.init("linuxssi:@" + cluster.node(1).socket());
            try {
                if (jobs > 0) {
                    Bulk bulk = bulk(session, cluster, dir, jobs);
                    // Measured again right after, with the cluster still up: the machine's load moves
                    // during a run (other work shares it), so the ceiling is the mean of both.
                    Baseline after = localForkExec(baselineRuns);
                    double ceiling = (before.rate() + after.rate()) / 2;
                    System.out.printf("  completed / local fork/exec ceiling (%.0f /s before, %.0f /s after): %.1f%%%n",
                            before.rate(), after.rate(), 100 * bulk.completed() / ceiling);
                    // Both are bound by CPU on a machine of their own: there, the rates' ratio tends to this one,
                    // which the other work on a shared machine moves far less.
                    double forkExecCpu = (before.cpuMillis() + after.cpuMillis()) / 2;
                    System.out.printf("  CPU per fork/exec / CPU per job (%.2f ms / %.2f ms): %.1f%%%n", forkExecCpu,
                            bulk.cpuMillis(), 100 * forkExecCpu / bulk.cpuMillis());
                }
                if (queued > 0) {
                    stateSize(session, cluster, dir, queued);
                }
            } finally {
                session.control(Session.JOB_IDS_SESSION_ALL, Session.TERMINATE);
                session.exit();
            }
        }
    }

    /**
     * Jobs per second of /bin/true forked from Java (ProcessBuilder start + waitFor), one thread per
     * CPU: the most this machine can run, whichever way the cluster spreads the jobs over its nodes,
     * since the local cluster's three nodes share these CPUs. A sequential baseline would leave a CPU
     * idle and flatter the cluster, which runs many jobs at once.
     */
    private static Baseline localForkExec(int runs) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ProcessCpu cpuBefore = ProcessCpu.read(Map.of());
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                done.add(pool.submit(() -> {
                    new ProcessBuilder("/bin/true").start().waitFor();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double rate = runs / ((System.nanoTime() - start) / 1e9);
            Map<String, Double> cpu = ProcessCpu.read(Map.of()).perUnitSince(cpuBefore, runs);
            System.out.printf("local fork/exec of /bin/true (%d threads): %.0f /s; CPU per fork/exec: %.2f ms "
                            + "(JVM %.2f, child %.2f; machine %.2f)%n", threads, rate,
                    cpu.get(ProcessCpu.CLIENT) + cpu.get(ProcessCpu.CLIENT_CHILDREN), cpu.get(ProcessCpu.CLIENT),
                    cpu.get(ProcessCpu.CLIENT_CHILDREN), cpu.get(ProcessCpu.MACHINE));
            return new Baseline(rate, cpu.get(ProcessCpu.CLIENT) + cpu.get(ProcessCpu.CLIENT_CHILDREN));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Local fork/exec: per second, and the CPU (Java and child) of each. */
    private record Baseline(double rate, double cpuMillis) {
    }

    /** The bulk submission: jobs completed per second, and the CPU of the cluster and its client per job. */
    private record Bulk(double completed, double cpuMillis) {
    }

    private static Bulk bulk(Session session, LocalCluster cluster, Path dir, int jobs) throws Exception {
        JobTemplate jt = session.createJobTemplate();
        jt.setRemoteCommand("/bin/true");
        jt.setWorkingDirectory(dir.toString());
        Map<Integer, Long> daemons = new TreeMap<>();
        cluster.nodes().forEach(n -> n.pid().ifPresent(pid -> daemons.put(n.index(), pid)));
        ProcessCpu cpuBefore = ProcessCpu.read(daemons);
        long start = System.nanoTime();
        List<String> ids = session.runBulkJobs(jt, 1, jobs, 1);
        double accepted = ids.size() / ((System.nanoTime() - start) / 1e9);
        session.synchronize(List.of(Session.JOB_IDS_SESSION_ALL), Session.TIMEOUT_WAIT_FOREVER, true);
        double seconds = (System.nanoTime() - start) / 1e9;
        double completed = ids.size() / seconds;
        Map<String, Double> cpu = ProcessCpu.read(daemons).perUnitSince(cpuBefore, ids.size());
        System.out.printf("runBulkJobs of %d /bin/true: accepted %.0f jobs/s, completed %.1f jobs/s%n", jobs,
                accepted, completed);
        double spent = cpu.entrySet().stream().filter(e -> e.getKey().startsWith("node ")
                || e.getKey().equals(ProcessCpu.CLIENT)).mapToDouble(Map.Entry::getValue).sum();
        System.out.printf("  CPU per job (ms, from /proc): %.2f in the cluster and its client; the machine %.2f "
                        + "(busy %.0f%% of its %d CPUs)%n", spent, cpu.get(ProcessCpu.MACHINE),
                100 * cpu.get(ProcessCpu.MACHINE) * ids.size() / (seconds * 1000
                        * Runtime.getRuntime().availableProcessors()), Runtime.getRuntime().availableProcessors());
        cpu.forEach((name, ms) -> {
            if (!name.equals(ProcessCpu.MACHINE) && !name.equals(ProcessCpu.CLIENT_CHILDREN)) {
                System.out.printf("    %-28s %.2f%n", name, ms);
            }
        });
        if ("DEBUG".equalsIgnoreCase(System.getenv("LINUXSSI_STAGES"))) {
            JobStageReport.print(start, cluster.nodes().stream().map(n -> n.log()).toList());
        }
        return new Bulk(completed, spent);
    }

    private static void stateSize(Session session, LocalCluster cluster, Path dir, int queued) throws Exception {
        JobTemplate jt = session.createJobTemplate();
        jt.setRemoteCommand("/bin/true");
        jt.setWorkingDirectory(dir.toString());
        jt.setJobSubmissionState(JobTemplate.HOLD_STATE);
        List<String> ids = session.runBulkJobs(jt, 1, queued, 1);
        String contact = session.getContact();
        long sessionId = Long.parseLong(contact.substring("linuxssi:".length(), contact.indexOf('@')));
        ManagedChannel channel = GrpcEndpoints.unixChannel(cluster.node(1).socket(),
                org.linuxssi.api.Component.tool("linuxssi-bench"));
        try {
            ListJobsReply reply = DrmaaGrpc.newBlockingStub(channel).listJobs(ListJobsRequest.newBuilder()
                    .setSessionId(sessionId).build());
            long jobBytes = 0;
            for (JobStatus status : reply.getJobsList()) {
                jobBytes += status.getJob().getSerializedSize() + 2;
            }
            // One template per submission, shared by its jobs (it holds argv, environment, identity).
            long templateBytes = reply.getJobsCount() == 0 ? 0 : reply.getJobs(0).getTemplateBytes();
            System.out.printf("%d queued (held) jobs: %.1f bytes of replicated state per job (job record %.1f B, "
                            + "shared template %d B)%n", ids.size(), (jobBytes + templateBytes) / (double) ids.size(),
                    jobBytes / (double) ids.size(), templateBytes);
        } finally {
            channel.shutdownNow();
        }
    }
}
