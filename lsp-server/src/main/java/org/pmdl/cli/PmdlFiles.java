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
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> p.getFileName().toString().endsWith(".pmdl") && Files.isRegularFile(p))
                            .filter(p -> !isHidden(path.relativize(p)))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(new Problem(argument, "cannot list directory: " + e.getMessage()));
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
