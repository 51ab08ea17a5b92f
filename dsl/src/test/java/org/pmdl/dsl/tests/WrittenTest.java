package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.lang.Written;
import org.pmdl.dsl.pmdl.PmdlFile;

/**
 * {@link Written#isWritten} answers what Xtext's own reading of the parse tree answers (eIsSet, else a node
 * {@link NodeModelUtils#findNodesForFeature} finds) for every feature of every object of every example, and of
 * steps that write an enum's first literal, leave it out, or put comments between keyword and value.
 */
class WrittenTest extends LanguageTestSupport {
    @Test
    void answersAsXtextsParseTreeReadingForEveryFeatureOfEveryObject() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../examples"))) {
            for (Path example : files.filter(p -> p.toString().endsWith(".pmdl")).sorted().toList()) {
                texts.add(Files.readString(example));
            }
        }
        texts.add("""
                platform p {
                    arch x86_64
                    kernel "6.1"
                    nvdimm n0 { size 4G }
                    region r0 at 0x100000000 { mapping n0 dpa 0 size 4G }
                }
                scenario s on p {
                    create namespace a in r0 mode /* the first literal */ raw size 16M map mem
                    create namespace b in r0 size 16M
                    reconfigure a mode // a comment between
                        fsdax
                    kexec
                }
                """);
        int compared = 0;
        int parseTreeAnswers = 0;
        for (String text : texts) {
            PmdlFile file = parser.parse(text);
            assertTrue(file.eResource().getErrors().isEmpty(), () -> "syntax: " + file.eResource().getErrors());
            for (var contents = file.eAllContents(); contents.hasNext();) {
                EObject object = contents.next();
                for (EStructuralFeature feature : object.eClass().getEAllStructuralFeatures()) {
                    boolean expected = object.eIsSet(feature)
                            || !NodeModelUtils.findNodesForFeature(object, feature).isEmpty();
                    assertEquals(expected, Written.isWritten(object, feature),
                            () -> object.eClass().getName() + "." + feature.getName() + " at line "
                                    + NodeModelUtils.getNode(object).getStartLine());
                    compared++;
                    parseTreeAnswers += object.eIsSet(feature) ? 0 : 1;
                }
            }
        }
        assertTrue(compared > 10_000 && parseTreeAnswers > 3_000, compared + " compared, " + parseTreeAnswers
                + " from the parse tree");
    }
}
