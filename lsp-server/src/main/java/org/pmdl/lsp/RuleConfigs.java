package org.pmdl.lsp;

import com.google.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pmdl.dsl.analysis.RuleConfig;

/**
 * The {@code .pmdl.json} nearest to each folder, read once and read again only when that file's modification time or
 * size changes (or another one appears nearer): validation asks on every keystroke, and editors do not watch the file
 * for the server. The search is {@link RuleConfig#near}'s, one {@code exists} per folder up to the one found.
 */
@Singleton
class RuleConfigs {
    /** A folder's configuration as read, with the stamp of the file it came from (null: none found). */
    private record Read(Path file, Object stamp, Optional<RuleConfig> config) {
    }

    private final Map<Path, Read> byFolder = new ConcurrentHashMap<>();

    Optional<RuleConfig> near(Path folder) {
        Path file = nearest(folder);
        Object stamp = stamp(file);
        Read read = byFolder.get(folder);
        if (read == null || !Objects.equals(read.file(), file) || !Objects.equals(read.stamp(), stamp)) {
            read = new Read(file, stamp, RuleConfig.near(folder));
            byFolder.put(folder, read);
        }
        return read.config();
    }

    private static Path nearest(Path folder) {
        for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RuleConfig.FILE_NAME);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** What tells a rewritten file from the one read; null for none, or one that cannot be read (read again). */
    private static Object stamp(Path file) {
        if (file == null) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return new Object(); // never equal: RuleConfig.near reports why it cannot be read
        }
    }

    private record Stamp(FileTime modified, long size, Object fileKey) {
    }
}
