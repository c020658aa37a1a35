package org.linuxssi.node.agent;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.linuxssi.shepherd.ShepherdLauncher;

/**
 * Finds the linuxssi-shepherd binary: node.conf's {@code shepherd_path}, else the environment
 * variable {@code LINUXSSI_SHEPHERD}, else the installed {@code /usr/lib/linuxssi/linuxssi-shepherd},
 * else the binary of the source tree the running jars come from.
 */
public final class ShepherdLocator {

    public static final String ENVIRONMENT = "LINUXSSI_SHEPHERD";
    static final String NAME = "linuxssi-shepherd";
    private static final Path IN_SOURCE_TREE = Path.of("shepherd", "target", "native", NAME);

    private final Optional<Path> configured;
    private final Optional<String> environment;

    public ShepherdLocator(Optional<Path> configured, Optional<String> environment) {
        this.configured = configured;
        this.environment = environment.filter(e -> !e.isBlank());
    }

    /** The locator of this daemon: its shepherd_path and its environment. */
    public static ShepherdLocator of(Optional<Path> configured) {
        return new ShepherdLocator(configured, Optional.ofNullable(System.getenv(ENVIRONMENT)));
    }

    /**
     * The binary to run.
     *
     * @throws ShepherdMissingException naming every place looked at
     */
    public Path locate() throws ShepherdMissingException {
        if (configured.isPresent()) {
            return executable(configured.get(), "shepherd_path in node.conf");
        }
        if (environment.isPresent()) {
            return executable(Path.of(environment.get()), ENVIRONMENT);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(ShepherdLauncher.INSTALLED_BINARY);
        candidates.addAll(besideCode(ShepherdLocator.class));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new ShepherdMissingException("no " + NAME + " found (looked at " + String.join(", ",
                candidates.stream().map(Path::toString).toList()) + "; set shepherd_path in node.conf or "
                + ENVIRONMENT + ")");
    }

    /** The binary of a source tree holding {@code anchor}'s jar or classes, if there is one. */
    public static Optional<Path> inSourceTree(Class<?> anchor) {
        return besideCode(anchor).stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Where a build leaves the binary relative to the code: next to the jar (a lib/ directory that
     * holds it), or shepherd/target/native of a checkout whose module jars or classes run.
     */
    private static List<Path> besideCode(Class<?> anchor) {
        Optional<Path> code = codeLocation(anchor);
        if (code.isEmpty()) {
            return List.of();
        }
        List<Path> candidates = new ArrayList<>();
        Path dir = code.get().getParent();
        if (dir != null) {
            candidates.add(dir.resolve(NAME));
        }
        for (int up = 0; dir != null && up < 4; up++, dir = dir.getParent()) {
            candidates.add(dir.resolve(IN_SOURCE_TREE));
        }
        return candidates;
    }

    private static Optional<Path> codeLocation(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path executable(Path path, String from) throws ShepherdMissingException {
        if (!Files.isExecutable(path)) {
            throw new ShepherdMissingException("no " + NAME + " at " + path + " (from " + from + ")");
        }
        return path;
    }

    /** No shepherd binary could be found; the message names where it was looked for. */
    public static final class ShepherdMissingException extends Exception {
        public ShepherdMissingException(String message) {
            super(message);
        }
    }
}
