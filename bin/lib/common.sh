# Shared by the bin/ launchers: find a JDK >= 21 and LinuxSSI's class path.
# Sourced, not run. Sets LINUXSSI_JAVA and LINUXSSI_LIB, or exits with a message.

LINUXSSI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Prints the feature version (21, 25, ...) of the java at $1, or nothing.
linuxssi_java_feature() {
    local java="$1" home release version=""
    home="$(dirname "$(dirname "$(readlink -f "$java")")")"
    release="$home/release"
    if [ -r "$release" ]; then
        version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
    fi
    if [ -z "$version" ]; then
        version="$("$java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    fi
    echo "$version"
}

# Finds a java >= 21: JAVA_HOME, then the newest under /usr/lib/jvm, then PATH.
linuxssi_find_java() {
    local candidate feature best="" best_feature=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        feature="$(linuxssi_java_feature "$JAVA_HOME/bin/java")"
        if [ "${feature:-0}" -ge 21 ]; then
            echo "$JAVA_HOME/bin/java"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java; do
        [ -x "$candidate" ] || continue
        feature="$(linuxssi_java_feature "$candidate")"
        if [ "${feature:-0}" -ge 21 ] && [ "$feature" -gt "$best_feature" ]; then
            best="$candidate"
            best_feature="$feature"
        fi
    done
    if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
        feature="$(linuxssi_java_feature "$(command -v java)")"
        if [ "${feature:-0}" -ge 21 ]; then
            best="$(command -v java)"
        fi
    fi
    if [ -z "$best" ]; then
        return 1
    fi
    echo "$best"
}

LINUXSSI_JAVA="$(linuxssi_find_java)" || {
    echo "$(basename "$0"): LinuxSSI needs Java 21 or newer; none found in JAVA_HOME, /usr/lib/jvm or PATH." >&2
    echo "  Install one, e.g. 'apt install openjdk-21-jdk-headless' (Debian 13, Ubuntu 24.04) or a Temurin 21+ JDK," >&2
    echo "  or point JAVA_HOME at it." >&2
    exit 1
}

if [ -n "${LINUXSSI_HOME:-}" ] && [ -d "$LINUXSSI_HOME/lib" ]; then
    LINUXSSI_LIB="$LINUXSSI_HOME/lib"
else
    LINUXSSI_LIB="$LINUXSSI_ROOT/dist/target/lib"
fi

# Runs main class $1 with the remaining arguments; LINUXSSI_JAVA_OPTS adds JVM options.
linuxssi_exec() {
    local main="$1"
    shift
    if [ ! -d "$LINUXSSI_LIB" ]; then
        echo "$(basename "$0"): LinuxSSI is not built yet (no $LINUXSSI_LIB); run: bin/linuxssi-build" >&2
        exit 1
    fi
    local options=(-XX:+UseSerialGC -XX:-UsePerfData -Xss512k --enable-native-access=ALL-UNNAMED)
    if [ "$main" != org.linuxssi.node.LinuxSsiDaemon ]; then
        # Tools live for a moment: the quick compiler alone starts them faster.
        options+=(-XX:TieredStopAtLevel=1)
    fi
    local feature
    feature="$(linuxssi_java_feature "$LINUXSSI_JAVA")"
    if [ "$feature" -ge 23 ]; then
        options+=(--sun-misc-unsafe-memory-access=allow)
    fi
    # Tools start often and briefly: a class-data-sharing archive of their classes, made by the
    # JVM on the first run and reused afterwards, takes most of the class loading off each start.
    local cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/linuxssi"
    if [ "$main" != org.linuxssi.node.LinuxSsiDaemon ] && mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ]; then
        options+=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$cache/${main##*.}-java$feature.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
    # shellcheck disable=SC2086
    exec "$LINUXSSI_JAVA" "${options[@]}" -Dlinuxssi.root="$LINUXSSI_ROOT" ${LINUXSSI_JAVA_OPTS:-} -cp "$LINUXSSI_LIB/*" "$main" "$@"
}
