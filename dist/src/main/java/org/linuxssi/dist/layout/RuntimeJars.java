package org.linuxssi.dist.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which runtime jars an artifact needs, read from the dependency graph that Maven writes
 * ({@code dependency:tree -DoutputType=dot -Dverbose}). The verbose graph repeats every shared
 * dependency under each artifact that needs it, so the closure of linuxssi-tools is exact even
 * where Maven resolved a jar through linuxssi-node. A runtime jar that Maven resolved through a
 * provided (build tool) dependency is refused: the tool, not the runtime modules, chose its version.
 */
public final class RuntimeJars {

    private static final Pattern EDGE = Pattern.compile("^\\s*\"([^\"]+)\"\\s*->\\s*\"([^\"]+)\"\\s*;\\s*$");
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private final Map<String, Set<String>> needs = new TreeMap<>();
    private final Map<String, Coordinates> resolved = new TreeMap<>();
    /** Where Maven resolved each artifact: the artifact whose dependency it is. */
    private final Map<String, Coordinates> resolvedUnder = new TreeMap<>();
    private final Path lib;

    private RuntimeJars(Path lib) {
        this.lib = lib;
    }

    /** Reads the graph; jars are looked up in {@code lib}, where Maven copied the runtime dependencies. */
    public static RuntimeJars read(Path graph, Path lib) throws IOException {
        RuntimeJars jars = new RuntimeJars(lib);
        for (String line : Files.readAllLines(graph)) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches()) {
                jars.add(Coordinates.parse(edge.group(1)), Coordinates.parse(edge.group(2)));
            }
        }
        if (jars.resolved.isEmpty()) {
            throw new IOException(graph + " holds no dependency edge (expected the dot output of dependency:tree)");
        }
        return jars;
    }

    private void add(Coordinates from, Coordinates to) {
        if (!to.omitted()) {
            resolved.put(to.key(), to);
            resolvedUnder.put(to.key(), from);
        }
        if (to.optional() || !RUNTIME_SCOPES.contains(to.scope())) {
            return;
        }
        needs.computeIfAbsent(from.key(), k -> new TreeSet<>()).add(to.key());
    }

    /** The jars of {@code groupId:artifactId} and of all it needs at run time, sorted by file name. */
    public List<Path> closure(String key) throws IOException {
        if (!resolved.containsKey(key)) {
            throw new IOException(key + " is not in the dependency graph (is it a dependency of dist/pom.xml?)");
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(key));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (seen.add(next)) {
                pending.addAll(needs.getOrDefault(next, Set.of()));
            }
        }
        Set<Path> files = new TreeSet<>();
        for (String artifact : seen) {
            Coordinates coordinates = resolved.get(artifact);
            if (!coordinates.type().equals("jar")) {
                continue;
            }
            Coordinates top = topLevel(artifact);
            if (!RUNTIME_SCOPES.contains(top.scope())) {
                throw new IOException(artifact + ", needed by " + key + " at run time, was resolved through the "
                        + top.scope() + " dependency " + top.key() + ", which chose its version: exclude "
                        + artifact + " from " + top.key() + " in dist/pom.xml");
            }
            Path jar = lib.resolve(coordinates.jarName());
            if (!Files.isRegularFile(jar)) {
                throw new IOException(jar + " is missing (" + artifact + " is needed by " + key + ")");
            }
            files.add(jar);
        }
        return List.copyOf(files);
    }

    /** The direct dependency of the project under which Maven resolved the artifact. */
    private Coordinates topLevel(String artifact) {
        Coordinates node = resolved.get(artifact);
        for (Coordinates parent = resolvedUnder.get(artifact); parent.scope().length() > 0;
                parent = resolvedUnder.get(parent.key())) {
            node = parent;
        }
        return node;
    }

    /**
     * One node of the graph: "g:a:jar:1.0:compile", "g:a:jar:classifier:1.0:runtime (optional)",
     * "(g:a:jar:1.0:compile - omitted for duplicate)"; the root has no scope.
     */
    record Coordinates(String groupId, String artifactId, String type, String classifier, String version,
                       String scope, boolean omitted, boolean optional) {

        static Coordinates parse(String label) {
            boolean omitted = label.startsWith("(");
            String text = omitted ? label.substring(1) : label;
            String coordinates = text.split("[ )]", 2)[0];
            boolean optional = text.substring(coordinates.length()).contains("optional");
            String[] parts = coordinates.split(":");
            return switch (parts.length) {
                case 4 -> new Coordinates(parts[0], parts[1], parts[2], "", parts[3], "", omitted, optional);
                case 5 -> new Coordinates(parts[0], parts[1], parts[2], "", parts[3], parts[4], omitted, optional);
                case 6 -> new Coordinates(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], omitted, optional);
                default -> throw new IllegalArgumentException("'" + label + "' is not a node of a dependency graph");
            };
        }

        String key() {
            return groupId + ":" + artifactId;
        }

        String jarName() {
            return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
        }
    }
}
