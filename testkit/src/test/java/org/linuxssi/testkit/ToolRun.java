package org.linuxssi.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.linuxssi.tools.Krgadm;
import org.linuxssi.tools.Krgjob;
import org.linuxssi.tools.LocalSide;

/** One in-process run of a tool against a real daemon: exit code, stdout, stderr. */
record ToolRun(int code, String out, String err) {

    static ToolRun krgadm(LocalNode via, String... args) {
        return krgadm(Map.of("LINUXSSI_SOCKET", via.socket().toString()), args);
    }

    static ToolRun krgadm(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Krgadm.run(args, o, e, env);
        }
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** krgjob through {@code via}'s socket, submitting from {@code cwd}. */
    static ToolRun krgjob(LocalNode via, Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Krgjob.run(args, LocalSide.inProcess().withCwd(cwd), o, e,
                    Map.of("LINUXSSI_SOCKET", via.socket().toString(), "PATH", "/usr/bin:/bin"));
        }
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
