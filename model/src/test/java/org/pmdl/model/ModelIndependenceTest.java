package org.pmdl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The model is plain Java: neither EMF nor Xtext may reach it. */
class ModelIndependenceTest {
    @Test
    void noEmfOrXtextOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.emf.ecore.EObject"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.xtext.Grammar"));
    }

    @Test
    void noSourceImportsEclipse() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import org.eclipse"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
