package org.linuxssi.node.drmaa;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.linuxssi.api.v1.Job;
import org.linuxssi.api.v1.JobTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails the end of every job whose template lists {@code email} addresses (and does not set
 * {@code blockEmail}) through krg-drmaa-server.conf's {@code mail_command}. Every manager hears of
 * each end as it applies it (control/JobTable); only the Raft leader mails, and not for ends
 * older than {@link #STALE} (a log replayed after a restart). A job that ends while leadership
 * changes hands may go unmailed: mail is best effort, as in every DRM.
 */
public final class JobMailer {

    private static final Logger LOG = LoggerFactory.getLogger(JobMailer.class);
    static final Duration STALE = Duration.ofMinutes(5);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final List<String> mailCommand;
    private final BooleanSupplier leader;

    public JobMailer(List<String> mailCommand, BooleanSupplier leader) {
        this.mailCommand = List.copyOf(mailCommand);
        this.leader = leader;
    }

    /** The job just ended (called while its end is applied: hands the sending to another thread). */
    public void jobEnded(Job job, JobTemplate template) {
        if (template.getEmailCount() == 0 || template.getBlockEmail() || !leader.getAsBoolean()) {
            return;
        }
        long ended = job.getExit().getEndMs();
        if (ended > 0 && System.currentTimeMillis() - ended > STALE.toMillis()) {
            return;
        }
        String message = JobMail.of(job, template);
        Thread.ofVirtual().name("mail-job-" + job.getJobId()).start(() -> send(job.getJobId(), message));
    }

    private void send(long jobId, String message) {
        try {
            Process process = new ProcessBuilder(mailCommand).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(message.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("mail of job {}: {} did not finish in {} s", jobId, mailCommand.get(0), SEND_TIMEOUT_SECONDS);
            } else if (process.exitValue() != 0) {
                LOG.warn("mail of job {}: {} exited with status {}", jobId, mailCommand.get(0), process.exitValue());
            } else {
                LOG.info("mailed the end of job {}", jobId);
            }
        } catch (IOException e) {
            LOG.warn("cannot mail the end of job {} with {}: {} (install a mail transfer agent or set mail_command "
                    + "in krg-drmaa-server.conf)", jobId, mailCommand.get(0), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
