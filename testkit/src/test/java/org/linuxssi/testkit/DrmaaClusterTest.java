package org.linuxssi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.linuxssi.drmaa.LinuxSsiSession;

/**
 * Base of the DRMAA test classes: one 3-node cluster of real daemons for the class, a fresh
 * session on node 1 for each test, and after each test no job left running and no process left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DrmaaClusterTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    LocalCluster cluster;
    ProcessClient node1;
    Session session;
    private final List<Session> opened = new ArrayList<>();

    @BeforeAll
    void startCluster() throws Exception {
        cluster = LocalCluster.builder(dir).nodes(3).heartbeat(Duration.ofMillis(300), Duration.ofSeconds(3))
                .create();
        // Node 1's krg-drmaa-server.conf, beside its node.conf: the default working directory of jobs.
        Files.createDirectories(defaultWorkingDirectory());
        Files.writeString(cluster.node(1).config().resolveSibling("krg-drmaa-server.conf"),
                "working_directory = " + defaultWorkingDirectory() + "\n" + "mail_command = " + mailer() + "\n");
        // Every node's: the Raft leader, whichever it is, mails the ends of jobs.
        for (int n = 2; n <= 3; n++) {
            Files.writeString(cluster.node(n).config().resolveSibling("krg-drmaa-server.conf"),
                    "mail_command = " + mailer() + "\n");
        }
        cluster.startAll();
        cluster.awaitAllOnline(Duration.ofSeconds(90));
        node1 = new ProcessClient(cluster.node(1));
    }

    @AfterAll
    void stopCluster() {
        node1.close();
        cluster.close();
    }

    @BeforeEach
    void openSession() throws DrmaaException {
        session = open("");
    }

    /** A session on node 1: a new one for "", else the session the contact names. */
    Session open(String contact) throws DrmaaException {
        Session s = new LinuxSsiSession();
        s.init(contact.isEmpty() ? "linuxssi:@" + cluster.node(1).socket() : contact);
        opened.add(s);
        return s;
    }

    @AfterEach
    void noJobLeft() throws DrmaaException {
        try {
            session.control(Session.JOB_IDS_SESSION_ALL, Session.TERMINATE);
        } catch (DrmaaException e) {
            // the session was closed by the test
        }
        for (Session s : opened) {
            try {
                s.exit();
            } catch (DrmaaException e) {
                // closed by the test itself
            }
        }
        opened.clear();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(node1.list().getProcessesList()).as("processes left running").isEmpty());
    }

    /** The mail command of the test cluster: keeps each message it is given as a file of mailbox(). */
    private static Path mailer() throws IOException {
        Path script = dir.resolve("mailer.sh");
        if (!Files.exists(script)) {
            Files.createDirectories(mailbox());
            Files.writeString(script, "#!/bin/sh\ncat > " + mailbox() + "/.mail.$$ && mv " + mailbox()
                    + "/.mail.$$ " + mailbox() + "/mail.$$\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return script;
    }

    static Path mailbox() {
        return dir.resolve("mailbox");
    }

    static Path defaultWorkingDirectory() {
        return dir.resolve("default-wd");
    }

    JobTemplate template(String... argv) throws DrmaaException {
        JobTemplate jt = session.createJobTemplate();
        jt.setRemoteCommand(argv[0]);
        jt.setArgs(List.of(argv).subList(1, argv.length));
        jt.setWorkingDirectory(dir.toString());
        return jt;
    }
}
