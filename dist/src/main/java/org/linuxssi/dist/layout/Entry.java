package org.linuxssi.dist.layout;

/** One path a package installs: a regular file, a directory the package owns, or a symbolic link. */
public sealed interface Entry permits Entry.File, Entry.Directory, Entry.Link {

    /** The absolute path on the installed system, e.g. /usr/bin/krgadm. */
    String path();

    /**
     * A regular file with its bytes and mode; a conffile is kept when the administrator changed it
     * (dpkg conffiles, RPM %config(noreplace)).
     */
    record File(String path, byte[] content, int mode, boolean conffile) implements Entry {
    }

    /** A directory the package owns (removed with the package when empty). */
    record Directory(String path, int mode) implements Entry {
    }

    /** A symbolic link to {@code target}, relative to the link's directory. */
    record Link(String path, String target) implements Entry {
    }

    static File file(String path, byte[] content, int mode) {
        return new File(path, content, mode, false);
    }

    static File conffile(String path, byte[] content) {
        return new File(path, content, 0644, true);
    }
}
