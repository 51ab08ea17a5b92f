package org.pmdl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.pmdl.dsl.lang.FileKind;

/**
 * Writing a user's file without destroying what is at the path. A regular file is replaced atomically (a
 * temporary file beside it, renamed over it, with the old file's permissions); a new file gets the umask's
 * permissions. A symlink is written through, never replaced; a file with hard links is rewritten in place so
 * the links keep sharing it. Refused, with a message: devices, FIFOs, sockets and directories, an input of the
 * same run, and a read-only file unless forced.
 */
final class AtomicFiles {
    /** Symlink hops followed before giving up (the kernel's MAXSYMLINKS). */
    private static final int MAX_SYMLINKS = 40;

    private AtomicFiles() {
    }

    /** A write not attempted because it would destroy something; the message says what the path is and why. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /** The files a run read (never overwritten) and whether read-only files may be replaced ({@code --force}). */
    record Guard(Collection<Path> inputs, boolean force) {
        static Guard force(boolean force) {
            return new Guard(List.of(), force);
        }
    }

    static void write(Path file, String text, Guard guard) throws IOException {
        Path target = throughSymlinks(file.toAbsolutePath());
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = null;
        if (exists) {
            refuseUnsafe(target, guard);
            permissions = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
            if ((Integer) Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS) > 1) {
                // A rename would detach this name from the other links; rewrite the shared inode instead.
                Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                return;
            }
        }
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.createFile(temporary); // no explicit permissions: the process's umask applies
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            if (permissions != null) {
                Files.setPosixFilePermissions(temporary, permissions);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void refuseUnsafe(Path target, Guard guard) throws IOException {
        String kind = FileKind.irregular(target);
        if (kind != null) {
            throw new Refused(kind + "; pmdl writes only regular files");
        }
        for (Path input : guard.inputs()) {
            if (Files.exists(input) && Files.isSameFile(input, target)) {
                throw new Refused("an input of this command; write to another file");
            }
        }
        if (!guard.force() && (!Files.isWritable(target) || !Files.getPosixFilePermissions(target)
                .contains(PosixFilePermission.OWNER_WRITE))) {
            throw new Refused("read-only; --force replaces it");
        }
    }

    /** The file a path finally names: symlinks followed (also a dangling one, whose target is then created). */
    private static Path throughSymlinks(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops == MAX_SYMLINKS) {
                throw new Refused("too many levels of symbolic links");
            }
            current = current.resolveSibling(Files.readSymbolicLink(current));
        }
        return current;
    }
}
