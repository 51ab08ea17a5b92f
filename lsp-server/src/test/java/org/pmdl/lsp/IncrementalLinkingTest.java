package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.Test;
import org.pmdl.dsl.ide.PmdlIdeSetup;

/**
 * A document edited keystroke by keystroke ({@link XtextResource#update}: Xtext's partial parser, then
 * {@link PmdlResource}'s linking of only what changed) must be the document parsed and linked from scratch: the
 * same objects, attribute values, reference targets and errors, after every edit. The edits are the typing of a
 * user (digits and names changed, tokens inserted, ranges and lines deleted or duplicated) on every bundled
 * example.
 */
class IncrementalLinkingTest {
    private static final String[] TOKENS = {"2M", "16M", "ns0", "ns1", "region0", "nmem0", " ", "\n", "{", "}",
            "expect", "create namespace nsX in region0 mode raw size 16M\n", "destroy namespace ns0\n", "size",
            "mode fsdax", "align 2M", "\"6.1\"", "==", "EINVAL", "#", "//"};

    private final XtextResourceSet resourceSet = new PmdlIdeSetup().createInjectorAndDoEMFRegistration()
            .getInstance(XtextResourceSet.class);
    private final Random random = new Random(20261121L);

    @Test
    void everyEditOfEveryExampleLinksAsAFullParseDoes() throws Exception {
        List<Path> examples;
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".pmdl")).sorted().toList();
        }
        assertTrue(examples.size() >= 30, "the bundled examples: " + examples.size());
        int edits = 0;
        int partLinks = 0;
        for (Path example : examples) {
            String original = Files.readString(example);
            // the edited file sits beside the example, so its imports load as the example's do
            URI uri = URI.createFileURI(example.toAbsolutePath().resolveSibling("edited.pmdl").toString());
            XtextResource edited = load(uri, original);
            StringBuilder text = new StringBuilder(original);
            for (int i = 0; i < 60; i++, edits++) {
                // a few edits at a time, then back to the example: edits on a file that still parses are the ones
                // Xtext reparses in part
                int[] edit = i % 4 == 3 ? reset(text, original) : edit(text);
                edited.update(edit[0], edit[1], text.substring(edit[0], edit[0] + edit[2]));
                if (random.nextInt(3) == 0) { // two edits before the links are resolved, as in one didChange
                    edit = edit(text);
                    edited.update(edit[0], edit[1], text.substring(edit[0], edit[0] + edit[2]));
                }
                String expected = fingerprint(load(URI.createFileURI(uri.toFileString() + ".full.pmdl"), text
                        .toString()));
                assertEquals(expected, fingerprint(edited), example + ", edit " + i + " at " + edit[0]);
            }
            partLinks += ((PmdlResource) edited).partLinks;
            resourceSet.getResources().clear();
        }
        assertTrue(edits >= 1_800, "edits checked: " + edits);
        // most edits break the syntax or change a name and are linked whole; the rest must be a real share
        assertTrue(partLinks >= 150, "edits that linked only what they replaced: " + partLinks);
    }

    private XtextResource load(URI uri, String text) throws Exception {
        XtextResource existing = (XtextResource) resourceSet.getResource(uri, false);
        if (existing != null) {
            existing.unload();
            resourceSet.getResources().remove(existing);
        }
        XtextResource resource = (XtextResource) resourceSet.createResource(uri);
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
        return resource;
    }

    /**
     * Applies one edit to {@code text}: {offset, replaced length, inserted length}; the inserted text is in
     * {@code text} at the offset.
     */
    private int[] edit(StringBuilder text) {
        int length = text.length();
        int at = random.nextInt(length + 1);
        int choice = random.nextInt(19);
        String insert = "";
        int remove = 0;
        if (choice < 6) { // a digit typed over another
            int digit = indexOf(text, at, Character::isDigit);
            if (digit >= 0) {
                at = digit;
                remove = 1;
                insert = String.valueOf((char) ('0' + (text.charAt(digit) - '0' + 1 + random.nextInt(9)) % 10));
            }
        } else if (choice < 9) { // a letter of a name changed
            int letter = indexOf(text, at, Character::isLetter);
            if (letter >= 0) {
                at = letter;
                remove = 1;
                insert = String.valueOf((char) ('a' + random.nextInt(26)));
            }
        } else if (choice < 12) {
            remove = Math.min(length - at, 1 + random.nextInt(10));
        } else if (choice < 15) {
            insert = TOKENS[random.nextInt(TOKENS.length)];
        } else { // a line duplicated or deleted
            int start = text.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
            int end = text.indexOf("\n", at);
            end = end < 0 ? length : end + 1;
            at = start;
            if (choice < 17) {
                insert = text.substring(start, end);
            } else {
                remove = end - start;
            }
        }
        text.replace(at, at + remove, insert);
        return new int[] {at, remove, insert.length()};
    }

    /** The whole text replaced by the example's. */
    private static int[] reset(StringBuilder text, String original) {
        int[] edit = {0, text.length(), original.length()};
        text.replace(0, text.length(), original);
        return edit;
    }

    private static int indexOf(CharSequence text, int from, java.util.function.IntPredicate kind) {
        for (int i = 0; i < text.length(); i++) {
            int at = (from + i) % text.length();
            if (kind.test(text.charAt(at))) {
                return at;
            }
        }
        return -1;
    }

    /** Every object, its attributes and where its references lead, then the errors, as text. */
    private static String fingerprint(XtextResource resource) {
        EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
        StringBuilder out = new StringBuilder(resource.getParseResult().getRootNode().getText().length())
                .append(resource.getParseResult().getRootNode().getText()).append('\n');
        for (TreeIterator<EObject> all = resource.getAllContents(); all.hasNext();) {
            EObject object = all.next();
            out.append(resource.getURIFragment(object)).append(' ').append(object.eClass().getName());
            for (EAttribute attribute : object.eClass().getEAllAttributes()) {
                out.append(' ').append(attribute.getName()).append('=').append(object.eGet(attribute));
            }
            for (EReference reference : object.eClass().getEAllReferences()) {
                if (reference.isContainment() || reference.isContainer() || !object.eIsSet(reference)) {
                    continue;
                }
                Object value = object.eGet(reference, false);
                for (Object target : reference.isMany() ? (List<?>) value : List.of(value)) {
                    EObject linked = (EObject) target;
                    out.append(' ').append(reference.getName()).append("->").append(linked.eIsProxy() ? "unresolved"
                            : linked.eResource() == resource ? resource.getURIFragment(linked)
                            : linked.eResource() == null ? "detached " + linked
                            : linked.eResource().getURI().lastSegment() + "#" + linked.eResource().getURIFragment(linked));
                }
            }
            out.append('\n');
        }
        List<String> errors = new ArrayList<>();
        resource.getErrors().forEach(e -> errors.add(e.getLine() + ":" + e.getColumn() + " " + e.getMessage()));
        errors.sort(null);
        return out.append(String.join("\n", errors)).toString();
    }
}
