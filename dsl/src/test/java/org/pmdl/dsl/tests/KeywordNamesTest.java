package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.services.PmdlGrammarAccess;

/**
 * Every keyword of the grammar is a name: as each kind of declaration and in every reference to it (issue 16 item 4).
 * The keywords are read from the grammar itself, so a keyword added later is covered without touching this test.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class KeywordNamesTest {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.-]*");

    /**
     * One file per kind of declaration; {@code K} is the name under test, declared once and referenced by every
     * step and expectation that can name that kind. Each reference sits where a keyword-named object is hardest
     * to tell from the next step (an hcall's optional SCM is followed by more steps).
     */
    private static final Map<String, String> USES = Map.of(
            "platform and scenario", """
                    platform K { arch x86_64 }
                    platform other extends K { }
                    scenario K on K {
                        reboot into K
                        boot
                    }
                    """,
            "nvdimm", """
                    platform p {
                        arch x86_64
                        nvdimm K { size 4G label-area 128K }
                        region r at 0x100000000 { mapping K dpa 0 size 4G - 128K }
                    }
                    scenario s on p {
                        init-labels K
                        expect K.label_version == "1.1"
                    }
                    """,
            "region", """
                    platform p {
                        arch x86_64
                        nvdimm d { size 4G }
                        region K at 0x100000000 { mapping d dpa 0 size 4G }
                    }
                    scenario s on p {
                        set K align 16M
                        create namespace n in K mode fsdax size 1G expect ok
                        nvdimm-flush K
                        expect K.size == 4G
                    }
                    """,
            "namespace", """
                    platform p {
                        arch x86_64
                        nvdimm d { size 4G }
                        region r at 0x100000000 { mapping d dpa 0 size 4G }
                    }
                    scenario s on p {
                        create namespace K in r mode fsdax size 1G
                        expect K bound
                        reconfigure K mode devdax align 2M
                        daxctl reconfigure-device K system-ram no-online
                        daxctl online-memory K
                        daxctl offline-memory K
                        disable namespace K
                        write-infoblock K mode fsdax
                        claim K mode fsdax
                        enable namespace K
                        mmap K map-sync
                        store K[0] = 1
                        clwb K[0]
                        sfence
                        expect durable K[0]
                        expect ordered K[0] before K[64]
                        expect K[0] == 1
                        expect K not bound
                        expect K.size == 1G
                        destroy namespace K expect ok
                    }
                    """,
            "scm", """
                    platform p {
                        arch ppc64 { mmu radix page-size 64K }
                        hypervisor qemu
                        scm K { drc-index 0x44100002 blocks 4 block-size 256M metadata-size 128K }
                    }
                    scenario s on p {
                        init-labels K
                        hcall H_SCM_HEALTH K
                        hcall H_SCM_HEALTH K
                        boot
                        ioctl K get-config-size
                        set K align 16M
                        expect K.size == 1G
                    }
                    """,
            "ocxl card", """
                    platform p {
                        arch ppc64 { mmu radix page-size 64K }
                        ocxl K { afu a lpc-size 4G }
                    }
                    scenario s on p {
                        ocxl probe K afu a crdy-at 1s
                        ocxl map K
                    }
                    """,
            "ocxl afu", """
                    platform p {
                        arch ppc64 { mmu radix page-size 64K }
                        ocxl c { afu K lpc-size 4G }
                    }
                    scenario s on p {
                        ocxl probe c afu K crdy-at 1s
                        expect K.lpc_res_start == 0
                    }
                    """,
            "hotplug devices", """
                    platform p {
                        arch x86_64
                        e820 K at 0x100000000 { size 1G }
                    }
                    platform q {
                        arch x86_64
                        memory K at 24G { size 1G }
                    }
                    platform b {
                        arch x86_64
                        bar K at 0x4000000000 { size 1M }
                    }
                    platform v {
                        arch x86_64
                        virtio-mem K at 32G { size 1G block-size 2M }
                    }
                    scenario s on p { set K align 2M }
                    scenario t on q {
                        add-memory K
                        remove-memory K
                    }
                    scenario u on b {
                        memremap K p2pdma
                        access K store doorbell
                    }
                    scenario w on v {
                        virtio-mem K requested-size 512M
                        virtio-mem K store 32G
                    }
                    """);

    @Inject
    private ParseHelper<PmdlFile> parser;
    @Inject
    private PmdlGrammarAccess grammar;

    /** The grammar's word-like keywords, from every rule but ValidID, which lists them. */
    private List<String> keywords() {
        TreeSet<String> words = new TreeSet<>();
        for (AbstractRule rule : grammar.getGrammar().getRules()) {
            if (rule instanceof TerminalRule || rule == grammar.getValidIDRule()) {
                continue;
            }
            for (Keyword keyword : EcoreUtil2.getAllContentsOfType(rule, Keyword.class)) {
                if (IDENTIFIER.matcher(keyword.getValue()).matches()) {
                    words.add(keyword.getValue());
                }
            }
        }
        return new ArrayList<>(words);
    }

    @Test
    void theKeywordListIsTheGrammars() {
        List<String> keywords = keywords();
        // the words issue 16 names, and enum literals, which are keywords too
        for (String word : List.of("radix", "hash", "store", "fsdax", "power10", "platform", "expect", "lpar")) {
            assertTrue(keywords.contains(word), word);
        }
        assertTrue(keywords.size() > 180, () -> keywords.size() + " keywords");
    }

    @Test
    void everyKeywordIsANameInEveryDeclarationAndReference() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String keyword : keywords()) {
            for (var use : USES.entrySet()) {
                String text = Pattern.compile("\\bK\\b").matcher(use.getValue()).replaceAll(keyword);
                String problem = problem(parser.parse(text), keyword);
                if (problem != null) {
                    failures.add(keyword + " as " + use.getKey() + ": " + problem);
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures, e.g.\n" + String.join("\n",
                failures.subList(0, Math.min(20, failures.size()))));
    }

    /** Why the file does not use {@code keyword} as a name throughout, or null when it does. */
    private static String problem(PmdlFile file, String keyword) {
        EcoreUtil.resolveAll(file);
        if (!file.eResource().getErrors().isEmpty()) {
            return file.eResource().getErrors().get(0).getMessage();
        }
        int declared = 0;
        int linked = 0;
        for (EObject object : EcoreUtil2.eAllContentsAsList(file)) {
            if (keyword.equals(Names.nameOf(object))) {
                declared++;
            }
            for (EReference reference : object.eClass().getEAllReferences()) {
                if (!reference.isContainment() && !reference.isMany() && object.eGet(reference) instanceof EObject
                        target && keyword.equals(Names.nameOf(target))) {
                    linked++;
                }
            }
        }
        return declared == 0 ? "nothing declared as " + keyword : linked == 0 ? "no reference to " + keyword : null;
    }

    @Test
    void theIssuesExamplesParseAndResolve() throws Exception {
        PmdlFile file = parser.parse("""
                platform radix { arch ppc64 { mmu radix page-size 64K } }
                platform hash extends radix { arch ppc64 { mmu hash page-size 64K linear-page 64K } }
                platform x { arch x86_64  nvdimm store { size 4G label-area 128K } }
                scenario fsdax on hash { reboot into radix }
                """);
        EcoreUtil.resolveAll(file);
        assertTrue(file.eResource().getErrors().isEmpty(), () -> file.eResource().getErrors().toString());
        assertEquals(List.of("radix", "hash", "x"), file.getElements().stream().limit(3).map(Names::nameOf).toList());
        assertFalse(EcoreUtil2.eAllContentsAsList(file).stream().anyMatch(EObject::eIsProxy));
    }
}
