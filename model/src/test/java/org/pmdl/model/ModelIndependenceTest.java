package org.pmdl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The model is plain Java: neither EMF nor Xtext may reach it; and its kernel packages know no user space. */
class ModelIndependenceTest {
    @Test
    void noEmfOrXtextOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.emf.ecore.EObject"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.xtext.Grammar"));
    }

    @Test
    void noSourceImportsEclipse() throws IOException {
        assertEquals(List.of(), importing(Path.of("src/main/java"), "import org.eclipse"));
    }

    /** The kernel's libnvdimm knows nothing of the user space in front of it: ndctl depends on it, never back. */
    @Test
    void libnvdimmImportsNoUserSpace() throws IOException {
        assertEquals(List.of(), importing(Path.of("src/main/java/org/pmdl/model/libnvdimm"),
                "import org.pmdl.model.ndctl"));
    }

    /** The Java files under {@code dir} with an import line starting with {@code prefix}. */
    private static List<Path> importing(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith(prefix));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
