package org.linuxssi.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts linuxssid as a separate JVM with the class path this JVM runs with (or
 * LINUXSSI_CLASSPATH), detached with setsid so that it outlives linuxssi-local. LINUXSSI_DAEMON_JAVA_OPTS
 * adds JVM options (whitespace-separated), as LINUXSSI_JAVA_OPTS does for bin/linuxssid.
 */
final class DaemonLauncher {

    static final String MAIN_CLASS = "org.linuxssi.node.LinuxSsiDaemon";

    private final List<String> jvmOptions;
    private final List<String> extraArgs;

    DaemonLauncher(List<String> jvmOptions, List<String> extraArgs) {
        this.jvmOptions = jvmOptions;
        this.extraArgs = extraArgs;
    }

    long launch(Path config, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // Extra options for measuring (a profiler's frame pointers, a JIT log): whitespace-separated.
        String extra = System.getenv("LINUXSSI_DAEMON_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(classPath());
        command.add(MAIN_CLASS);
        command.add("--config");
        command.add(config.toString());
        command.addAll(extraArgs);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return process.pid();
    }

    static String classPath() {
        String fromEnv = System.getenv("LINUXSSI_CLASSPATH");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Small heap and the quick compiler alone: many short-lived test daemons on a 2-core machine. */
    static final List<String> TEST_ONLY_OPTIONS = List.of("-Xmx192m", "-XX:TieredStopAtLevel=1");

    /**
     * Lets Netty allocate its pools' chunks without the JDK zeroing them (java.nio's cleaner-less direct
     * buffers), so that a chunk's pages become resident as its buffers use them, not all at once: the
     * daemons pool the buffers of their channels to each other in 16 MiB chunks. bin/lib/common.sh passes
     * the same to linuxssid.
     */
    static final List<String> NETTY_UNZEROED_CHUNKS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Dio.grpc.netty.shaded.io.netty.tryReflectionSetAccessible=true");

    static List<String> defaultJvmOptions() {
        List<String> options = new ArrayList<>(TEST_ONLY_OPTIONS);
        options.addAll(List.of("-Xss512k", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED"));
        options.addAll(NETTY_UNZEROED_CHUNKS);
        if (Runtime.version().feature() >= 23) {
            // Netty and protobuf still use sun.misc.Unsafe; keep JDK 23+ from warning on every start.
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return options;
    }
}
