package org.pmdl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files a command line names: files as given, directories searched (recursively, sorted) for *.pmdl. */
public final class PmdlFiles {
    private PmdlFiles() {
    }

    /** A path that could not be used, with the reason a user can act on. */
    public record Problem(String path, String reason) {
    }

    public record Selection(List<Path> files, List<Problem> problems) {
    }

    public static Selection collect(List<String> arguments) {
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String argument : arguments) {
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                int before = files.size();
                searchDirectory(argument, path, files, problems);
                if (files.size() == before) {
                    problems.add(new Problem(argument, "no *.pmdl files in this directory"));
                }
            } else if (!Files.exists(path)) {
                problems.add(new Problem(argument, "no such file or directory"));
            } else if (!Files.isReadable(path) || !Files.isRegularFile(path)) {
                problems.add(new Problem(argument, "not a readable file"));
            } else {
                files.add(path);
            }
        }
        return new Selection(files, problems);
    }

    /**
     * The *.pmdl files below a directory, named from the argument as given (also when it is a symlink to the
     * directory, which a plain walk would not enter); a *.pmdl that is not a regular file (a FIFO, a link to a
     * device) is a problem, never read.
     */
    private static void searchDirectory(String argument, Path path, List<Path> files, List<Problem> problems) {
        try {
            Path real = path.toRealPath();
            try (Stream<Path> walk = Files.walk(real)) {
                for (Path found : walk.filter(p -> p.getFileName().toString().endsWith(".pmdl"))
                        .filter(p -> !isHidden(real.relativize(p))).sorted().toList()) {
                    Path named = path.resolve(real.relativize(found));
                    if (Files.isRegularFile(found)) {
                        files.add(named);
                    } else if (!Files.isDirectory(found)) {
                        problems.add(new Problem(named.toString(), "not a regular file; skipped"));
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new Problem(argument, "cannot list directory: " + e.getMessage()));
        }
    }

    /** Skips .git, .vscode and the like below a searched directory. */
    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
