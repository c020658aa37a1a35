# shellcheck shell=bash
# Shared by the bin/ launchers: find a JDK >= 21 and LinuxSSI's class path.
# Sourced, not run. Sets LINUXSSI_JAVA and LINUXSSI_LIB, or exits with a message.

# The folder above bin/, from where this file is; without a subshell where it can (every launcher
# sources this file before its JVM starts).
LINUXSSI_ROOT="${BASH_SOURCE[0]}"
[[ $LINUXSSI_ROOT == /* ]] || LINUXSSI_ROOT="$PWD/$LINUXSSI_ROOT"
LINUXSSI_ROOT="${LINUXSSI_ROOT//\/.\//\/}"
if [[ $LINUXSSI_ROOT == */bin/lib/common.sh && $LINUXSSI_ROOT != */../* ]]; then
    LINUXSSI_ROOT="${LINUXSSI_ROOT%/bin/lib/common.sh}"
else
    LINUXSSI_ROOT="$(cd "${BASH_SOURCE[0]%/*}/../.." && pwd)"
fi

# Sets FEATURE to the feature version (21, 25, ...) and VERSION to the whole version (25.0.3, ...)
# of the java at $1, or both to nothing. Bash builtins where possible: every launcher runs this
# before its JVM starts.
linuxssi_java_feature() {
    local real line
    FEATURE=""
    VERSION=""
    real="$1"
    # readlink is a process of its own: only for a java whose folder has no release file beside it.
    [ -r "${real%/bin/java}/release" ] || real="$(readlink -f "$1")"
    if [ -r "${real%/bin/java}/release" ]; then
        while IFS= read -r line; do
            if [[ $line =~ ^JAVA_VERSION=\"(([0-9]+)[^\"]*) ]]; then
                VERSION="${BASH_REMATCH[1]}"
                FEATURE="${BASH_REMATCH[2]}"
                break
            fi
        done < "${real%/bin/java}/release"
    fi
    if [ -z "$FEATURE" ]; then
        line="$("$1" -version 2>&1)"
        if [[ $line =~ version\ \"(([0-9]+)[^\"]*) ]]; then
            VERSION="${BASH_REMATCH[1]}"
            FEATURE="${BASH_REMATCH[2]}"
        fi
    fi
}

# Sets LINUXSSI_JAVA, LINUXSSI_JAVA_FEATURE and LINUXSSI_JAVA_VERSION to a java >= 21: JAVA_HOME,
# then the newest under /usr/lib/jvm, then PATH. Returns 1 when there is none.
linuxssi_find_java() {
    local candidate FEATURE VERSION
    LINUXSSI_JAVA=""
    LINUXSSI_JAVA_FEATURE=0
    LINUXSSI_JAVA_VERSION=""
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        linuxssi_java_feature "$JAVA_HOME/bin/java"
        if [ "${FEATURE:-0}" -ge 21 ]; then
            LINUXSSI_JAVA="$JAVA_HOME/bin/java"
            LINUXSSI_JAVA_FEATURE="$FEATURE"
            LINUXSSI_JAVA_VERSION="$VERSION"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*/bin/java; do
        [ -x "$candidate" ] || continue
        linuxssi_java_feature "$candidate"
        if [ "${FEATURE:-0}" -ge 21 ] && [ "$FEATURE" -gt "$LINUXSSI_JAVA_FEATURE" ]; then
            LINUXSSI_JAVA="$candidate"
            LINUXSSI_JAVA_FEATURE="$FEATURE"
            LINUXSSI_JAVA_VERSION="$VERSION"
        fi
    done
    if [ -z "$LINUXSSI_JAVA" ] && command -v java >/dev/null 2>&1; then
        linuxssi_java_feature "$(command -v java)"
        if [ "${FEATURE:-0}" -ge 21 ]; then
            LINUXSSI_JAVA="$(command -v java)"
            LINUXSSI_JAVA_FEATURE="$FEATURE"
            LINUXSSI_JAVA_VERSION="$VERSION"
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

# The tools start often and briefly, so they start from caches of their classes: an ahead-of-time
# cache on JDK 25+ (classes loaded and linked ahead of time), else a class-data-sharing archive.
# krgrun has caches of its own, holding only what a run of krgrun loads (a JVM loads every class of
# its cache at start); the other tools share one. The system's caches are made when linuxssi-tools
# is installed (bin/linuxssi-train-caches); a user's, by bin/linuxssi-build or by the JVM itself.
# A cache belongs to one JDK build: its name carries the JDK's whole version.
LINUXSSI_SYSTEM_CACHE="${LINUXSSI_SYSTEM_CACHE:-/var/cache/linuxssi}"

# Sets LINUXSSI_USER_CACHE to the user's cache folder.
linuxssi_user_cache() {
    LINUXSSI_USER_CACHE="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/linuxssi"
}

# Makes the user's cache folder if missing; returns 1 when it cannot be written.
linuxssi_make_user_cache() {
    linuxssi_user_cache
    { [ -d "$LINUXSSI_USER_CACHE" ] || mkdir -p "$LINUXSSI_USER_CACHE" 2>/dev/null; } && [ -w "$LINUXSSI_USER_CACHE" ]
}

# True when the cache $1 exists and is newer than LinuxSSI's own jars (the JVM would refuse a cache
# made from other jars and start without any).
linuxssi_cache_current() {
    local jar
    [ -f "$1" ] || return 1
    for jar in "$LINUXSSI_LIB"/linuxssi-*.jar; do
        [ "$jar" -nt "$1" ] && return 1
    done
    return 0
}

# Sets LINUXSSI_CACHE_OPTIONS to the JVM options that start tool $1 (krgrun or tools) from the best
# cache there is: an ahead-of-time cache, the tool's own before the shared one and the system's
# before the user's; else the system's class-data-sharing archive, read as it is; else the user's,
# which the JVM makes (anew) at exit whenever it is missing or stale.
linuxssi_cache_options() {
    local name file
    LINUXSSI_CACHE_OPTIONS=()
    linuxssi_user_cache
    if [ "$LINUXSSI_JAVA_FEATURE" -ge 25 ]; then
        for name in "$1" tools; do
            for file in "$LINUXSSI_SYSTEM_CACHE/$name-java$LINUXSSI_JAVA_VERSION.aot" \
                        "$LINUXSSI_USER_CACHE/$name-java$LINUXSSI_JAVA_VERSION.aot"; do
                if linuxssi_cache_current "$file"; then
                    LINUXSSI_CACHE_OPTIONS=("-XX:AOTCache=$file" -Xlog:aot=off -Xlog:cds=off)
                    return 0
                fi
            done
        done
    fi
    file="$LINUXSSI_SYSTEM_CACHE/$1-java$LINUXSSI_JAVA_VERSION.jsa"
    if linuxssi_cache_current "$file"; then
        LINUXSSI_CACHE_OPTIONS=("-XX:SharedArchiveFile=$file" -Xlog:cds=off -Xlog:cds+dynamic=off)
    elif linuxssi_make_user_cache; then
        LINUXSSI_CACHE_OPTIONS=(-XX:+AutoCreateSharedArchive
            "-XX:SharedArchiveFile=$LINUXSSI_USER_CACHE/$1-java$LINUXSSI_JAVA_VERSION.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
    fi
}

# Makes the tools' caches anew in folder $1 (default: the user's) from training runs (see
# ClassDataTraining): every tool once for the shared cache, krgrun alone for its own. Each cache is
# written beside and then renamed, so tools starting meanwhile never map half a file. Returns 1
# when a cache could not be made.
linuxssi_train_tools_archive() {
    local dir="${1:-}" which file options status=0
    if [ -z "$dir" ]; then
        linuxssi_make_user_cache || return 0
        dir="$LINUXSSI_USER_CACHE"
    fi
    for which in tools krgrun; do
        if [ "$LINUXSSI_JAVA_FEATURE" -ge 25 ]; then
            file="$dir/$which-java$LINUXSSI_JAVA_VERSION.aot"
            options="-XX:AOTCacheOutput=$file.$$ -Xlog:aot=off -Xlog:cds=off"
        else
            file="$dir/$which-java$LINUXSSI_JAVA_VERSION.jsa"
            options="-XX:ArchiveClassesAtExit=$file.$$ -Xlog:cds=off -Xlog:cds+dynamic=off"
        fi
        rm -f "$file.$$"
        [ "$which" = krgrun ] && export LINUXSSI_CLASS_PATH_OF=org.linuxssi.tools.Krgrun
        (LINUXSSI_TRAINING=1 LINUXSSI_JAVA_OPTS="$options" \
            linuxssi_exec org.linuxssi.tools.ClassDataTraining "$which") </dev/null >/dev/null 2>&1 || true
        unset LINUXSSI_CLASS_PATH_OF
        if [ -s "$file.$$" ]; then
            chmod 644 "$file.$$" && mv -f "$file.$$" "$file"
        else
            rm -f "$file.$$"
            status=1
        fi
    done
    return "$status"
}

# Sets LINUXSSI_CP to the class path of main class $1: the whole lib, except for krgrun, which gets
# only its own jars (the JVM opens every jar of its class path at start, and krgrun starts often).
# LINUXSSI_CLASS_PATH_OF names another main class whose class path to use (the training of krgrun's
# cache runs ClassDataTraining with krgrun's).
linuxssi_class_path() {
    local pattern jar jars=()
    LINUXSSI_CP="$LINUXSSI_LIB/*"
    [ "${LINUXSSI_CLASS_PATH_OF:-$1}" = org.linuxssi.tools.Krgrun ] || return 0
    # No protobuf: krgrun reads and writes its few messages by hand (tools/README.md).
    for pattern in linuxssi-tools-*.jar linuxssi-api-*.jar picocli-[0-9]*.jar grpc-api-*.jar guava-*.jar \
        failureaccess-*.jar; do
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
    local options=(-XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Dio.grpc.netty.shaded.io.netty.jfr.enabled=false)
    if [ "$main" = org.linuxssi.node.LinuxSsiDaemon ]; then
        # Netty may then allocate its pools' chunks without the JDK zeroing them: a chunk's pages become
        # resident as buffers use them, not all at once (DaemonLauncher.NETTY_UNZEROED_CHUNKS, the same).
        options+=(--add-opens=java.base/java.nio=ALL-UNNAMED -Dio.grpc.netty.shaded.io.netty.tryReflectionSetAccessible=true)
    else
        # Tools live for a moment: the quick compiler alone starts them faster, and reflection through
        # the JVM's native accessors spares them generating method-handle classes at run time (the JDK's
        # Unix-domain sockets create their SecureRandom reflectively, a few milliseconds of each start).
        options+=(-XX:TieredStopAtLevel=1 -Djdk.reflect.useNativeAccessorOnly=true)
    fi
    if [ "${LINUXSSI_CLASS_PATH_OF:-$main}" = org.linuxssi.tools.Krgrun ]; then
        # krgrun holds little on its heap (the program's stdout goes from a direct buffer to fd 1):
        # smaller reservations make its JVM start and exit sooner.
        options+=(-Xms8m -Xmx128m -XX:ReservedCodeCacheSize=16m)
    fi
    local feature="$LINUXSSI_JAVA_FEATURE"
    if [ "$feature" -ge 23 ]; then
        options+=(--sun-misc-unsafe-memory-access=allow)
    fi
    # JDK 24 warns about native code loaded without it (Netty's epoll); before 24 it would only turn
    # off the module graph of the JDK's own class-data archive, a tenth of a tool's start.
    if [ "$feature" -ge 24 ]; then
        options+=(--enable-native-access=ALL-UNNAMED)
    fi
    if [ "$main" != org.linuxssi.node.LinuxSsiDaemon ] && [ -z "${LINUXSSI_TRAINING:-}" ]; then
        if [ "$main" = org.linuxssi.tools.Krgrun ]; then linuxssi_cache_options krgrun; else linuxssi_cache_options tools; fi
        options+=("${LINUXSSI_CACHE_OPTIONS[@]}")
    fi
    # shellcheck disable=SC2086
    linuxssi_class_path "$main"
    exec "$LINUXSSI_JAVA" "${options[@]}" -Dlinuxssi.root="$LINUXSSI_ROOT" ${LINUXSSI_JAVA_OPTS:-} -cp "$LINUXSSI_CP" "$main" "$@"
}
