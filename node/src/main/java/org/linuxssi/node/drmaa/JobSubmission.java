package org.linuxssi.node.drmaa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.linuxssi.api.CallerCredentials;
import org.linuxssi.api.v1.JobTemplate;

/**
 * Turns a client's job template into the one the job table keeps: the caller's identity, the
 * working directory (template, else krg-drmaa-server.conf, else home), directory placeholders
 * resolved, file paths without their host part, and the job's whole environment.
 */
final class JobSubmission {

    private final DrmaaServerConfig config;
    private final Passwd passwd;

    JobSubmission(DrmaaServerConfig config, Passwd passwd) {
        this.config = config;
        this.passwd = passwd;
    }

    /** @throws IllegalArgumentException the one line the client reads */
    JobTemplate resolve(JobTemplate asked, CallerCredentials caller, String user) {
        if (asked.getArgvCount() == 0 || asked.getArgv(0).isEmpty()) {
            throw new IllegalArgumentException("the job has no command (set remoteCommand)");
        }
        Passwd.Entry entry = passwd.of(caller.uid()).orElse(new Passwd.Entry(user, "/", "/bin/sh"));
        String home = entry.home();
        String wd = asked.getWorkingDirectory().isEmpty() ? config.workingDirectoryFor(home)
                : Placeholders.directories(asked.getWorkingDirectory(), home, "");
        if (wd.contains(Placeholders.WORKING_DIRECTORY) || wd.contains(Placeholders.INDEX)) {
            throw new IllegalArgumentException("working directory '" + asked.getWorkingDirectory()
                    + "' may hold only $drmaa_hd_ph$, at its start");
        }
        if (!wd.startsWith("/")) {
            throw new IllegalArgumentException("working directory '" + asked.getWorkingDirectory()
                    + "' is not an absolute path (or $drmaa_hd_ph$/...)");
        }
        return asked.toBuilder()
                .setWorkingDirectory(wd)
                .setInputPath(path("input", asked.getInputPath(), home, wd))
                .setOutputPath(path("output", asked.getOutputPath(), home, wd))
                .setErrorPath(path("error", asked.getErrorPath(), home, wd))
                .clearEnv().addAllEnv(environment(asked.getEnvList(), entry, user, wd))
                .setUid(caller.uid()).setGid(caller.gid()).clearGroups().addAllGroups(caller.groups())
                .setUser(user).setHome(home)
                .build();
    }

    private static String path(String which, String value, String home, String wd) {
        if (value.isEmpty()) {
            return "";
        }
        int colon = value.indexOf(':');
        String path = colon >= 0 && !value.startsWith("/") && !value.startsWith("$") ? value.substring(colon + 1)
                : value;
        path = Placeholders.directories(path, home, wd);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(which + " path '" + value + "' is not [host]:PATH with an absolute "
                    + "PATH or one starting with $drmaa_hd_ph$ or $drmaa_wd_ph$");
        }
        return path;
    }

    /** A login-like environment, then the template's variables over it. */
    private static List<String> environment(List<String> asked, Passwd.Entry entry, String user, String wd) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", entry.home());
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("SHELL", entry.shell().isEmpty() ? "/bin/sh" : entry.shell());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PWD", wd);
        for (String variable : asked) {
            int eq = variable.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("job environment entry '" + variable + "' is not NAME=value");
            }
            env.put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        List<String> list = new ArrayList<>();
        env.forEach((name, value) -> list.add(name + "=" + value));
        return list;
    }
}
