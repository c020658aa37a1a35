package org.linuxssi.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ggf.drmaa.DrmaaException;
import org.ggf.drmaa.JobInfo;
import org.ggf.drmaa.JobTemplate;
import org.ggf.drmaa.Session;
import org.linuxssi.drmaa.LinuxSsiSession;
import org.linuxssi.tools.Krgjob;

/**
 * A DRMAA client that {@link DrmaaIdentityTest} runs as another user. Prints one line per fact.
 * <pre>
 * job SOCKET OUTPUT     runs 'id -u' into OUTPUT, prints "exit STATUS"
 * reopen CONTACT        prints "opened" or "refused EXCEPTION"
 * krgjob SOCKET ARGS... prints "exit CODE" and krgjob's stderr
 * </pre>
 */
public final class DrmaaClientMain {

    private DrmaaClientMain() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "job" -> {
                Session session = new LinuxSsiSession();
                session.init("linuxssi:@" + args[1]);
                JobTemplate jt = session.createJobTemplate();
                jt.setRemoteCommand("sh");
                jt.setArgs(List.of("-c", "id -u"));
                jt.setWorkingDirectory("/tmp");
                jt.setOutputPath(":" + args[2]);
                JobInfo info = session.wait(session.runJob(jt), Session.TIMEOUT_WAIT_FOREVER);
                System.out.println("exit " + info.getExitStatus());
                session.exit();
            }
            case "reopen" -> {
                try {
                    new LinuxSsiSession().init(args[1]);
                    System.out.println("opened");
                } catch (DrmaaException e) {
                    System.out.println("refused " + e.getClass().getSimpleName());
                }
            }
            case "krgjob" -> {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = Krgjob.run(Arrays.copyOfRange(args, 2, args.length), System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("LINUXSSI_SOCKET", args[1]));
                System.out.println("exit " + code);
                System.out.print(err.toString(StandardCharsets.UTF_8));
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }
}
