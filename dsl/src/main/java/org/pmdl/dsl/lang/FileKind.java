package org.pmdl.dsl.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What a path is when it is not a regular file (stat's S_IFMT), in words for a message. */
public final class FileKind {
    private FileKind() {
    }

    /** "a FIFO", "a character device", ... for the file itself (a symlink is not followed); null for a regular file. */
    public static String irregular(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return switch (mode & 0170000) {
            case 0100000 -> null;
            case 0040000 -> "a directory";
            case 0010000 -> "a FIFO";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            case 0120000 -> "a symbolic link";
            default -> "not a regular file";
        };
    }
}
