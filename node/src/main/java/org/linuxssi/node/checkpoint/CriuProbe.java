package org.linuxssi.node.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds criu ({@code criu_path} in node.conf, else {@code PATH}), checks it is 4.0 or newer and that
 * {@code criu check} passes on this kernel.
 */
public final class CriuProbe {

    /** CRIU 3.x cannot parse the vDSO of current kernels; 4.0 is the first that works. */
    static final int MIN_MAJOR = 4;
    private static final Pattern VERSION = Pattern.compile("Version:\\s*(\\d+)\\.(\\d+)(\\.\\d+)?");
    private static final String HOW = "install criu 4.0 or newer (Debian 13, Ubuntu 24.04, Fedora; on Debian 12 "
            + "bin/linuxssi-get-criu) or set criu_path in node.conf";

    private CriuProbe() {
    }

    /** Locates and checks criu; {@code path} is node.conf's {@code criu_path}, {@code searchPath} the PATH. */
    public static CriuStatus probe(Optional<Path> path, String searchPath) {
        Optional<Path> binary = path.isPresent() ? path : onPath(searchPath);
        if (binary.isEmpty()) {
            return new CriuStatus(Optional.empty(), "criu missing: " + HOW);
        }
        if (!Files.isExecutable(binary.get())) {
            return new CriuStatus(Optional.empty(), "criu missing: " + binary.get() + " is not an executable file ("
                    + HOW + ")");
        }
        Criu criu = new Criu(binary.get());
        Criu.Result version = criu.run(List.of("--version"), 30);
        Matcher m = VERSION.matcher(version.output());
        if (!version.ok() || !m.find()) {
            return new CriuStatus(Optional.empty(), "criu unusable: " + binary.get() + " --version said '"
                    + version.lastLine() + "' (" + HOW + ")");
        }
        String number = m.group(1) + "." + m.group(2) + (m.group(3) == null ? "" : m.group(3));
        if (Integer.parseInt(m.group(1)) < MIN_MAJOR) {
            return new CriuStatus(Optional.empty(), "criu " + number + " too old: 4.0 or newer is needed (" + HOW
                    + ")");
        }
        Criu.Result check = criu.run(List.of("check"), 60);
        if (!check.ok()) {
            return new CriuStatus(Optional.empty(), "criu " + number + " check failed: " + check.lastLine()
                    + " (criu needs root and a kernel with checkpoint/restore support)");
        }
        return new CriuStatus(Optional.of(criu), "criu " + number);
    }

    private static Optional<Path> onPath(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "criu");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
