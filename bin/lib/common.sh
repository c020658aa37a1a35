# shellcheck shell=bash
# Shared by the bin/ launchers: find a JDK >= 21 and LinuxSSI's class path.
# Sourced, not run. Sets LINUXSSI_JAVA and LINUXSSI_LIB, or exits with a message.

LINUXSSI_ROOT="$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)"

# Sets FEATURE to the feature version (21, 25, ...) of the java at $1, or to nothing.
# Bash builtins where possible: every launcher runs this before its JVM starts.
linuxssi_java_feature() {
    local real line
    FEATURE=""
    real="$1"
    # readlink is a process of its own: only for a java whose folder has no release file beside it.
    [ -r "${real%/bin/java}/release" ] || real="$(readlink -f "$1")"
    if [ -r "${real%/bin/java}/release" ]; then
        while IFS= read -r line; do
            if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
                FEATURE="${BASH_REMATCH[1]}"
                break
            fi
        done < "${real%/bin/java}/release"
    fi
    if [ -z "$FEATURE" ]; then
        line="$("$1" -version 2>&1)"
        if [[ $line =~ version\ \"([0-9]+) ]]; then
            FEATURE="${BASH_REMATCH[1]}"
        fi
    fi
}

# Sets LINUXSSI_JAVA and LINUXSSI_JAVA_FEATURE to a java >= 21: JAVA_HOME, then the newest
# under /usr/lib/jvm, then PATH. Returns 1 when there is none.
linuxssi_find_java() {
    local candidate FEATURE
    LINUXSSI_JAVA=""
    LINUXSSI_JAVA_FEATURE=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        linuxssi_java_feature "$JAVA_HOME/bin/java"
        if [ "${FEATURE:-0}" -ge 21 ]; then
            LINUXSSI_JAVA="$JAVA_HOME/bin/java"
            LINUXSSI_JAVA_FEATURE="$FEATURE"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java; do
        [ -x "$candidate" ] || continue
        linuxssi_java_feature "$candidate"
        if [ "${FEATURE:-0}" -ge 21 ] && [ "$FEATURE" -gt "$LINUXSSI_JAVA_FEATURE" ]; then
            LINUXSSI_JAVA="$candidate"
            LINUXSSI_JAVA_FEATURE="$FEATURE"
        fi
    done
    if [ -z "$LINUXSSI_JAVA" ] && command -v java >/dev/null 2>&1; then
        linuxssi_java_feature "$(command -v java)"
        if [ "${FEATURE:-0}" -ge 21 ]; then
            LINUXSSI_JAVA="$(command -v java)"
            LINUXSSI_JAVA_FEATURE="$FEATURE"
        fi
    fi
    [ -n "$LINUXSSI_JAVA" ]
}

linuxssi_find_java || {
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

# Prints the folder of the tools' start-up caches (writable, per user); fails without one.
linuxssi_tools_cache() {
    local cache="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/linuxssi"
    { [ -d "$cache" ] || mkdir -p "$cache" 2>/dev/null; } && [ -w "$cache" ] || return 1
    echo "$cache"
}

# Prints the tools' class-data-sharing archive (dynamic CDS, any JDK >= 21); fails without one.
# With the argument krgrun: krgrun's own, made with its own class path.
linuxssi_tools_archive() {
    local cache
    cache="$(linuxssi_tools_cache)" || return 1
    echo "$cache/${1:-tools}-java$LINUXSSI_JAVA_FEATURE.jsa"
}

# Prints the tools' ahead-of-time cache (JDK 25 and newer: classes loaded and linked ahead of
# time, about twice the start-up gain of the dynamic archive); fails on older JDKs. With the
# argument krgrun: krgrun's own cache, which holds only what a run of krgrun loads: a JVM loads every
# class of its cache at start, and krgrun starts often and must start fast.
linuxssi_tools_aot_cache() {
    local cache
    [ "$LINUXSSI_JAVA_FEATURE" -ge 25 ] || return 1
    cache="$(linuxssi_tools_cache)" || return 1
    echo "$cache/${1:-tools}-java$LINUXSSI_JAVA_FEATURE.aot"
}

# True when the ahead-of-time cache $1 exists and is newer than LinuxSSI's own jars (the JVM
# would refuse a cache made from other jars and start without any).
linuxssi_aot_cache_current() {
    local jar
    [ -f "$1" ] || return 1
    for jar in "$LINUXSSI_LIB"/linuxssi-*.jar; do
        [ "$jar" -nt "$1" ] && return 1
    done
    return 0
}

# Makes the tools' caches anew from a training run of every tool (see ClassDataTraining): the
# ahead-of-time cache on JDK 25+, else the dynamic archive. The cache is written beside and then
# renamed, so tools starting meanwhile never map half a file.
linuxssi_train_tools_archive() {
    local archive aot which
    if aot="$(linuxssi_tools_aot_cache)"; then
        for which in tools krgrun; do
            aot="$(linuxssi_tools_aot_cache "$which")"
            rm -f "$aot.$$"
            [ "$which" = krgrun ] && export LINUXSSI_CLASS_PATH_OF=org.linuxssi.tools.Krgrun
            (LINUXSSI_TRAINING=1 LINUXSSI_JAVA_OPTS="-XX:AOTCacheOutput=$aot.$$ -Xlog:aot=off -Xlog:cds=off" \
                linuxssi_exec org.linuxssi.tools.ClassDataTraining "$which") </dev/null >/dev/null 2>&1 || true
            unset LINUXSSI_CLASS_PATH_OF
            if [ -s "$aot.$$" ]; then mv -f "$aot.$$" "$aot"; else rm -f "$aot.$$"; fi
        done
        return 0
    fi
    archive="$(linuxssi_tools_archive)" || return 0
    rm -f "$archive"
    (linuxssi_exec org.linuxssi.tools.ClassDataTraining) </dev/null >/dev/null 2>&1 || true
}

# Sets LINUXSSI_CP to the class path of main class $1: the whole lib, except for krgrun, which gets
# only its own jars (the JVM opens every jar of its class path at start, and krgrun starts often).
# LINUXSSI_CLASS_PATH_OF names another main class whose class path to use (the training of krgrun's
# cache runs ClassDataTraining with krgrun's).
linuxssi_class_path() {
    local pattern jar jars=()
    LINUXSSI_CP="$LINUXSSI_LIB/*"
    [ "${LINUXSSI_CLASS_PATH_OF:-$1}" = org.linuxssi.tools.Krgrun ] || return 0
    for pattern in linuxssi-tools-*.jar linuxssi-api-*.jar protobuf-java-[0-9]*.jar picocli-[0-9]*.jar \
        grpc-api-*.jar guava-*.jar failureaccess-*.jar; do
        jar=("$LINUXSSI_LIB"/$pattern)
        [ -f "${jar[0]}" ] || return 0
        jars+=("${jar[0]}")
    done
    local IFS=:
    LINUXSSI_CP="${jars[*]}"
}

# Runs main class $1 with the remaining arguments; LINUXSSI_JAVA_OPTS adds JVM options.
linuxssi_exec() {
    local main="$1"
    shift
    if [ ! -d "$LINUXSSI_LIB" ]; then
        echo "$(basename "$0"): LinuxSSI is not built yet (no $LINUXSSI_LIB); run: bin/linuxssi-build" >&2
        exit 1
    fi
    # Netty would start the JVM's flight recorder just to look for it: a tenth of a tool's start.
    local options=(-XX:+UseSerialGC -XX:-UsePerfData -Xss512k --enable-native-access=ALL-UNNAMED
        -Dio.grpc.netty.shaded.io.netty.jfr.enabled=false)
    if [ "$main" != org.linuxssi.node.LinuxSsiDaemon ]; then
        # Tools live for a moment: the quick compiler alone starts them faster.
        options+=(-XX:TieredStopAtLevel=1)
    fi
    local feature="$LINUXSSI_JAVA_FEATURE"
    if [ "$feature" -ge 23 ]; then
        options+=(--sun-misc-unsafe-memory-access=allow)
    fi
    # Tools start often and briefly: one class-data-sharing archive of their classes takes most of
    # the class loading off each start. linuxssi_train_tools_archive fills it with every tool's
    # classes; should it be missing or stale (another JDK, rebuilt jars), the JVM makes it anew.
    # On JDK 25+ the ahead-of-time cache, trained by linuxssi-build, does the same and more; where
    # there is none or it is older than the jars, the dynamic archive serves.
    local aot own=tools
    [ "$main" = org.linuxssi.tools.Krgrun ] && own=krgrun
    if [ "$main" != org.linuxssi.node.LinuxSsiDaemon ] && [ -z "${LINUXSSI_TRAINING:-}" ]; then
        if { aot="$(linuxssi_tools_aot_cache "$own")" && linuxssi_aot_cache_current "$aot"; } \
            || { aot="$(linuxssi_tools_aot_cache)" && linuxssi_aot_cache_current "$aot"; }; then
            options+=("-XX:AOTCache=$aot" -Xlog:aot=off -Xlog:cds=off)
        elif linuxssi_tools_archive >/dev/null; then
            options+=(-XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$(linuxssi_tools_archive "$own")" -Xlog:cds=off -Xlog:cds+dynamic=off)
        fi
    fi
    # shellcheck disable=SC2086
    linuxssi_class_path "$main"
    exec "$LINUXSSI_JAVA" "${options[@]}" -Dlinuxssi.root="$LINUXSSI_ROOT" ${LINUXSSI_JAVA_OPTS:-} -cp "$LINUXSSI_CP" "$main" "$@"
}
