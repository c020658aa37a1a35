package org.linuxssi.node.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a migration's images live for the seconds they exist: in memory (a folder of this daemon on
 * the {@code /dev/shm} tmpfs) when there is one, so that criu's writes and reads and the transfer
 * never wait for a disk; else beside the processes' state directories.
 */
public final class ImageScratch {

    private static final Logger LOG = LoggerFactory.getLogger(ImageScratch.class);
    private static final Path SHM = Path.of("/dev/shm");

    private final Path root;
    private final boolean shared;

    private ImageScratch(Path root, boolean shared) {
        this.root = root;
        this.shared = shared;
    }

    /**
     * The scratch of the daemon whose processes are under {@code procs}: its own folder on the tmpfs
     * (named after that path, so daemons sharing a machine never meet), emptied of what a daemon that
     * died mid-migration left there.
     */
    public static ImageScratch of(Path procs) {
        if (!isTmpfs(SHM)) {
            return new ImageScratch(procs, false);
        }
        Path root = SHM.resolve("linuxssi-images-" + digest(procs.toAbsolutePath().normalize().toString()));
        try {
            FolderTrees.delete(root);
        } catch (IOException e) {
            LOG.warn("cannot remove the stale images under {}: {}", root, e.getMessage());
        }
        return new ImageScratch(root, true);
    }

    /** A fresh folder, only its owner may read it, for one set of images. */
    public Path newFolder(String prefix) throws IOException {
        Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path folder = Files.createDirectory(root.resolve(prefix + "-" + UUID.randomUUID()),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // /dev/shm is everyone's: a folder someone else made there (or a link) must not receive the images.
        if (shared && (Files.isSymbolicLink(root)
                || !Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).equals(Files.getOwner(folder))
                || !Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS)
                        .equals(PosixFilePermissions.fromString("rwx------")))) {
            Files.delete(folder);
            throw new IOException(root + " is not this daemon's own folder (rwx------)");
        }
        return folder;
    }

    /** Removes this daemon's folder from the tmpfs, with anything a migration still had in it (the daemon stops). */
    public void close() {
        if (shared) {
            FolderTrees.deleteQuietly(root);
        }
    }

    /** The folder {@link #newFolder} made for {@code prefix} and this name suffix. */
    public Path folder(String name) {
        return root.resolve(name);
    }

    private static boolean isTmpfs(Path path) {
        try {
            return Files.isDirectory(path) && Files.isWritable(path) && "tmpfs".equals(Files.getFileStore(path).type());
        } catch (IOException e) {
            return false;
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
