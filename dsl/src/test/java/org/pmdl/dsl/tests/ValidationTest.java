package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.pmdl.model.rules.Rules;

/**
 * Every static rule, each with a file that breaks it (the diagnostic appears, with its rule ID, on the right text)
 * and a file that keeps it (the diagnostic does not appear). Kernel-derived limits name their source.
 */
class ValidationTest extends LanguageTestSupport {
    @Inject
    private com.google.inject.Provider<XtextResourceSet> resourceSets;

    private static String x86(String devices) {
        return "platform p {\n    arch x86_64\n" + devices + "}\n";
    }

    // ---- names ----

    @Test
    void unresolvedName() throws Exception {
        String bad = x86("    nvdimm nmem0 { size 4G }\n    region region0 at 0 { mapping nmem9 dpa 0 size 4G }\n");
        List<Issue> found = of(issues(bad), Rules.NAME_UNRESOLVED);
        assertEquals(1, found.size(), found::toString);
        assertEquals(4, found.get(0).getLineNumber());
        assertTrue(found.get(0).getMessage().contains("nmem0"), "lists the declared names");
        assertClean(Rules.NAME_UNRESOLVED, x86("    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G }\n"));
    }

    @Test
    void duplicateNames() throws Exception {
        assertFlags(Rules.NAME_DUPLICATE, x86("    nvdimm nmem0 { size 4G }\n    nvdimm nmem0 { size 8G } // dup\n"),
                "// dup");
        assertFlags(Rules.NAME_DUPLICATE, x86("    nvdimm nmem0 { size 4G label-area 128K }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G - 128K }\n")
                + "scenario s on p {\n    create namespace nmem0 in region0 mode raw size 16M // clash\n}\n", "// clash");
    }

    @Test
    void duplicateNamespaceAndScenarioNames() throws Exception {
        String platform = x86("    nvdimm nmem0 { size 4G label-area 128K }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G - 128K }\n");
        assertFlags(Rules.NAME_DUPLICATE, platform + "scenario s on p {\n"
                + "    create namespace a in region0 mode raw size 16M\n"
                + "    create namespace a in region0 mode raw size 16M // again\n}\n", "// again");
        assertFlags(Rules.NAME_DUPLICATE, platform + "scenario s on p {\n    boot\n}\n"
                + "scenario s on p { // twice\n    boot\n}\n", "// twice");
        assertClean(Rules.NAME_DUPLICATE, platform + "scenario s on p {\n"
                + "    create namespace a in region0 mode raw size 16M\n"
                + "    create namespace b in region0 mode raw size 16M\n}\n");
    }

    @Test
    void referenceOfTheWrongKind() throws Exception {
        String platform = x86("    nvdimm nmem0 { size 4G }\n    region region0 at 0 { mapping nmem0 dpa 0 size 4G }\n");
        assertFlags(Rules.NAME_KIND, platform + "scenario s on p {\n    destroy namespace nmem0 // dimm\n}\n",
                "// dimm");
        assertFlags(Rules.NAME_KIND, platform + "scenario s on p {\n    expect region0 bound // region\n}\n",
                "// region");
        assertClean(Rules.NAME_KIND, platform + "scenario s on p {\n    destroy namespace namespace0.0\n}\n");
        // every step that names a namespace is checked the same way
        for (String step : List.of("enable namespace", "disable namespace", "write-infoblock", "claim")) {
            assertFlags(Rules.NAME_KIND, platform + "scenario s on p {\n    " + step + " nmem0 // dimm\n}\n", "// dimm");
        }
    }

    @Test
    void namespaceUsedBeforeItsCreation() throws Exception {
        String platform = x86("    nvdimm nmem0 { size 4G label-area 128K }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G - 128K }\n");
        assertFlags(Rules.NAMESPACE_NOT_CREATED, platform + "scenario s on p {\n"
                + "    expect ns0.size == 16M // early\n"
                + "    create namespace ns0 in region0 mode raw size 16M\n}\n", "// early");
        assertClean(Rules.NAMESPACE_NOT_CREATED, platform + "scenario s on p {\n"
                + "    create namespace ns0 in region0 mode raw size 16M\n    expect ns0.size == 16M\n}\n");
        assertFlags(Rules.NAMESPACE_NOT_CREATED, platform + "scenario s on p {\n"
                + "    disable namespace ns0 // early\n"
                + "    create namespace ns0 in region0 mode raw size 16M\n}\n", "// early");
    }

    @Test
    void extendsCycle() throws Exception {
        List<Issue> found = of(issues("platform a extends b { arch x86_64 }\nplatform b extends a { }\n"),
                Rules.PLATFORM_EXTENDS_CYCLE);
        assertEquals(2, found.size(), "both platforms of the cycle");
        assertClean(Rules.PLATFORM_EXTENDS_CYCLE, "platform a { arch x86_64 }\nplatform b extends a { }\n");
    }

    // ---- platform attributes ----

    @Test
    void missingAndDuplicateAttributes() throws Exception {
        assertFlags(Rules.ATTRIBUTE_MISSING, "platform p { // no arch\n}\n", "// no arch");
        assertFlags(Rules.ATTRIBUTE_MISSING, x86("    nvdimm nmem0 { } // no size\n"), "// no size");
        assertFlags(Rules.ATTRIBUTE_DUPLICATE, x86("    kernel \"6.1\"\n    kernel \"6.1\" // again\n"), "// again");
        assertClean(Rules.ATTRIBUTE_MISSING, "platform a { arch x86_64 }\nplatform b extends a { }\n");
    }

    @Test
    void unknownKernelProfile() throws Exception {
        assertFlags(Rules.KERNEL_UNKNOWN, x86("    kernel \"2.6.32\" // old\n"), "// old");
        assertClean(Rules.KERNEL_UNKNOWN, x86("    kernel \"6.1\"\n"));
        for (String release : new String[] {"6.6", "6.12", "6.18"}) {
            assertClean(Rules.KERNEL_UNKNOWN, x86("    kernel \"" + release + "\"\n"));
        }
    }

    @Test
    void unknownDistro() throws Exception {
        assertFlags(Rules.DISTRO_UNKNOWN, x86("    distro \"fedora-43\" // which\n"), "// which");
        assertClean(Rules.DISTRO_UNKNOWN, x86("    kernel \"6.12\"\n    distro \"debian-13\"\n"));
        assertClean(Rules.DISTRO_UNKNOWN, x86("    distro \"debian-12\"\n"));
    }

    @Test
    void architectureAttributes() throws Exception {
        // x86_64 is built with 4K pages only (arch/x86/include/asm/page_types.h PAGE_SHIFT 12);
        // ppc64 offers 4K or 64K (arch/powerpc/Kconfig PPC_4K_PAGES / PPC_64K_PAGES).
        assertFlags(Rules.ARCH_ATTRIBUTE, "platform p {\n    arch x86_64 { page-size 64K } // big\n}\n", "// big");
        assertFlags(Rules.ARCH_ATTRIBUTE, "platform p {\n    arch x86_64 { mmu hash } // mmu\n}\n", "// mmu");
        assertFlags(Rules.ARCH_ATTRIBUTE, "platform p {\n    arch ppc64 { mmu radix linear-page 16M } // lp\n}\n",
                "// lp");
        assertClean(Rules.ARCH_ATTRIBUTE, "platform p {\n    arch ppc64 { mmu hash page-size 64K linear-page 16M }\n}\n");
    }

    // ---- sizes and layout ----

    @Test
    void sizesThatDoNotFit() throws Exception {
        assertFlags(Rules.SIZE_OVERFLOW, x86("    nvdimm nmem0 { size 0x10000000000000000 } // 2^64\n"), "// 2^64");
        assertFlags(Rules.SIZE_OVERFLOW, x86("    nvdimm nmem0 { size 16M * 1T * 1T } // product\n"), "// product");
        assertFlags(Rules.SIZE_OVERFLOW, x86("    nvdimm nmem0 { size 4G - 8G } // negative\n"), "// negative");
        assertClean(Rules.SIZE_OVERFLOW, x86("    nvdimm nmem0 { size 0x7fffffffffffffff }\n"));
    }

    @Test
    void mappingBeyondItsDimm() throws Exception {
        // QEMU carves the label area off the end of the DIMM (hw/mem/nvdimm.c nvdimm_prepare_memory_region)
        assertFlags(Rules.MAPPING_EXCEEDS_DIMM, x86("    nvdimm nmem0 { size 4G label-area 128K }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G } // into labels\n"), "// into labels");
        assertClean(Rules.MAPPING_EXCEEDS_DIMM, x86("    nvdimm nmem0 { size 4G label-area 128K }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G - 128K }\n"));
    }

    @Test
    void mappingNotPageAligned() throws Exception {
        // drivers/nvdimm/region_devs.c nd_region_create: "%s: %s mapping%d is not %ld aligned" (PAGE_SIZE)
        assertFlags(Rules.MAPPING_ALIGN, x86("    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 1G + 512 } // odd\n"), "// odd");
        assertFlags(Rules.MAPPING_ALIGN, "platform p {\n    arch ppc64 { page-size 64K }\n"
                + "    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 4K size 1G } // 4K on 64K pages\n}\n",
                "// 4K on 64K pages");
        assertClean(Rules.MAPPING_ALIGN, x86("    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 4K size 1G }\n"));
    }

    @Test
    void overlappingRegionsAndDpa() throws Exception {
        assertFlags(Rules.REGION_SPA_OVERLAP, x86("    nvdimm a { size 4G }\n    nvdimm b { size 4G }\n"
                + "    region r0 at 0x100000000 { mapping a dpa 0 size 4G }\n"
                + "    region r1 at 0x1c0000000 { mapping b dpa 0 size 4G } // overlap\n"), "// overlap");
        assertClean(Rules.REGION_SPA_OVERLAP, x86("    nvdimm a { size 4G }\n    nvdimm b { size 4G }\n"
                + "    region r0 at 0x100000000 { mapping a dpa 0 size 4G }\n"
                + "    region r1 at 0x200000000 { mapping b dpa 0 size 4G }\n"));
        assertFlags(Rules.DPA_OVERLAP, x86("    nvdimm a { size 4G }\n"
                + "    region r0 at 0x100000000 { mapping a dpa 0 size 2G }\n"
                + "    region r1 at 0x200000000 { mapping a dpa 1G size 2G } // shared\n"), "// shared");
        assertClean(Rules.DPA_OVERLAP, x86("    nvdimm a { size 4G }\n"
                + "    region r0 at 0x100000000 { mapping a dpa 0 size 2G }\n"
                + "    region r1 at 0x200000000 { mapping a dpa 2G size 2G }\n"));
    }

    @Test
    void legacyE820Ranges() throws Exception {
        assertFlags(Rules.REGION_SPA_OVERLAP, x86("    nvdimm a { size 4G }\n"
                + "    region r0 at 0x100000000 { mapping a dpa 0 size 4G }\n"
                + "    e820 legacy0 at 0x1c0000000 { size 2G } // overlap\n"), "// overlap");
        assertClean(Rules.REGION_SPA_OVERLAP, x86("    nvdimm a { size 4G }\n"
                + "    region r0 at 0x100000000 { mapping a dpa 0 size 4G }\n"
                + "    e820 legacy0 at 0x40000000 { size 512M }\n"));
        assertFlags(Rules.ATTRIBUTE_MISSING, x86("    e820 legacy0 at 0x40000000 { } // no size\n"), "// no size");
    }

    @Test
    void regionWithoutMappingAndLabelAreaLargerThanDimm() throws Exception {
        assertFlags(Rules.REGION_EMPTY, x86("    region r0 at 0 { } // empty\n"), "// empty");
        assertFlags(Rules.LABEL_AREA_SIZE, x86("    nvdimm a { size 4G label-area 4G } // all labels\n"),
                "// all labels");
        assertClean(Rules.LABEL_AREA_SIZE, x86("    nvdimm a { size 4G label-area 128K }\n"));
    }

    @Test
    void lparMemory() throws Exception {
        String lpar = "platform p {\n    arch ppc64\n    lpar {\n        lmb-size 256M\n"
                + "        lmbs 0 .. 63 node 0 assigned\n";
        assertFlags(Rules.LMB_OVERLAP, lpar + "        lmbs 60 .. 70 node 1 // again\n    }\n}\n", "// again");
        assertClean(Rules.LMB_OVERLAP, lpar + "        lmbs 64 .. 127 node 1\n    }\n}\n");
        // a run written high to low names no LMB: a mistake of the description, not an overlap
        assertFlags(Rules.LMB_RUN_EMPTY, lpar + "        lmbs 70 .. 64 node 1 // backwards\n    }\n}\n",
                "// backwards");
        assertClean(Rules.LMB_OVERLAP, lpar + "        lmbs 70 .. 64 node 1\n    }\n}\n");
        // arch/powerpc/mm/drmem.c: every ibm,dynamic-memory entry has its own drc-index
        assertFlags(Rules.DRC_INDEX_DUPLICATE, lpar + "        lmbs 64 .. 65 drc-index 0x80000001 // drc\n    }\n}\n",
                "// drc");
        assertFlags(Rules.LMB_SIZE, "platform p {\n    arch ppc64\n    lpar { lmb-size 100M } // size\n}\n", "// size");
    }

    @Test
    void scmGeometryAndDrcIndex() throws Exception {
        assertFlags(Rules.SCM_GEOMETRY, "platform p {\n    arch ppc64\n"
                + "    scm pmem0 { drc-index 1 block-size 256M } // no blocks\n}\n", "// no blocks");
        assertFlags(Rules.DRC_INDEX_DUPLICATE, "platform p {\n    arch ppc64\n"
                + "    scm pmem0 { drc-index 1 block-size 256M blocks 4 }\n"
                + "    scm pmem1 { drc-index 1 block-size 256M blocks 4 } // same drc\n}\n", "// same drc");
        assertClean(Rules.SCM_GEOMETRY, "platform p {\n    arch ppc64\n"
                + "    scm pmem0 { drc-index 1 block-size 256M blocks 4 }\n}\n");
    }

    // ---- scenarios ----

    @Test
    void unknownErrno() throws Exception {
        String platform = x86("    nvdimm nmem0 { size 4G }\n    region region0 at 0 { mapping nmem0 dpa 0 size 4G }\n");
        assertFlags(Rules.ERRNO_UNKNOWN, platform + "scenario s on p {\n    boot expect error EWHATEVER // bad\n}\n",
                "// bad");
        assertClean(Rules.ERRNO_UNKNOWN, platform + "scenario s on p {\n    boot expect error EOPNOTSUPP\n}\n");
    }

    @Test
    void instructionsOfTheOtherArchitecture() throws Exception {
        String platforms = x86("    nvdimm nmem0 { size 4G }\n    region region0 at 0 { mapping nmem0 dpa 0 size 4G }\n")
                + "platform q {\n    arch ppc64\n    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G }\n}\n";
        assertFlags(Rules.STEP_ARCH, platforms + "scenario s on p {\n    dcbstps namespace0.0[0] // power\n}\n",
                "// power");
        assertFlags(Rules.STEP_ARCH, platforms + "scenario s on p {\n    reboot into q\n    sfence // x86 after reboot\n}\n",
                "// x86 after reboot");
        assertClean(Rules.STEP_ARCH, platforms + "scenario s on p {\n    clwb namespace0.0[0]\n    sfence\n"
                + "    reboot into q\n    phwsync\n    pmem-wmb\n    plwsync\n}\n");
        assertFlags(Rules.STEP_ARCH, platforms + "scenario s on q {\n    xchg namespace0.0[0] = 1 // locked\n}\n",
                "// locked");
    }

    @Test
    void flushHintsAndMapSyncNamespace() throws Exception {
        assertFlags(Rules.SIZE_OVERFLOW, x86("    nvdimm nmem0 { size 4G }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G flush-hints 1000 } // many\n"), "// many");
        assertFlags(Rules.NAMESPACE_NOT_CREATED, x86("    nvdimm nmem0 { size 4G label-area 128K }\n"
                + "    region region0 at 0 { mapping nmem0 dpa 0 size 4G - 128K }\n")
                + "scenario s on p {\n    mmap ns0 map-sync // early\n"
                + "    create namespace ns0 in region0 mode fsdax\n}\n", "// early");
    }

    @Test
    void importsResolveAcrossFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("platforms.pmdl"),
                x86("    nvdimm nmem0 { size 4G }\n    region region0 at 0 { mapping nmem0 dpa 0 size 4G }\n"));
        java.nio.file.Files.writeString(dir.resolve("user.pmdl"),
                "import \"platforms.pmdl\"\nscenario s on p {\n    expect region0.align == 16M\n}\n");
        java.nio.file.Files.writeString(dir.resolve("missing.pmdl"), "import \"nowhere.pmdl\" // gone\n");
        XtextResourceSet set = resourceSets.get();
        var user = set.getResource(URI.createFileURI(dir.resolve("user.pmdl").toString()), true);
        List<Issue> userIssues = validation.validate(user);
        assertTrue(userIssues.isEmpty(), userIssues::toString);
        var missing = set.getResource(URI.createFileURI(dir.resolve("missing.pmdl").toString()), true);
        assertEquals(1, of(validation.validate(missing), Rules.IMPORT_UNRESOLVED).size());
    }
}
