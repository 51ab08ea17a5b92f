package org.pmdl.model.libnvdimm;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pmdl.model.Fixtures;
import org.pmdl.model.kernel.KernelProfile;
import org.pmdl.model.ndctl.LabelTools;
import org.pmdl.model.ndctl.Ndctl;
import org.pmdl.model.platform.PlatformFacts;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.scenario.NamespaceMode;
import org.pmdl.model.topology.PlatformSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;
import static org.pmdl.model.Fixtures.M;
import static org.pmdl.model.Fixtures.dimm;
import static org.pmdl.model.Fixtures.mapping;
import static org.pmdl.model.Fixtures.region;
import static org.pmdl.model.Fixtures.x86;

/**
 * {@link NvdimmBus#namespace(String)} answers from per-region name indexes; the answers must stay those of the scan
 * it replaced (commit 98218d1): the first namespace, in region order and then registration order, whose user name
 * or device name is the one asked for, as namespaces are created, named, destroyed and re-created.
 */
class NamespaceLookupTest {
    private final NvdimmBus bus;
    private final Ndctl ndctl;

    NamespaceLookupTest() throws NdException {
        PlatformSpec p = x86("p", List.of(dimm("nmem0", G + 128 * K, 128 * K), dimm("nmem1", G + 128 * K, 128 * K)),
                List.of(region("region0", 0x1_0000_0000L, mapping("nmem0", 0, G)),
                        region("region1", 0x2_0000_0000L, mapping("nmem1", 0, G))));
        bus = NvdimmBus.boot(p, PlatformFacts.of(p, KernelProfile.newest()), new Media(), new Dmesg());
        ndctl = new Ndctl(bus);
        LabelTools labels = new LabelTools(bus);
        labels.initLabels(bus.nvdimm("nmem0").orElseThrow(), new Action.InitLabels("nmem0"));
        labels.initLabels(bus.nvdimm("nmem1").orElseThrow(), new Action.InitLabels("nmem1"));
    }

    private Namespace create(String name, String region, long size) throws NdException {
        return ndctl.createNamespace(bus.region(region).orElseThrow(),
                Fixtures.create(name, region, NamespaceMode.RAW, size));
    }

    @Test
    @DisplayName("a namespace is found by its name and its device name; destroyed, by its device name only")
    void createdAndDestroyed() throws NdException {
        Namespace a = create("a", "region0", 16 * M);
        Namespace b = create("b", "region0", 32 * M);
        assertSame(a, bus.namespace("a").orElseThrow());
        assertSame(b, bus.namespace("b").orElseThrow());
        assertSame(b, bus.namespace(b.dev()).orElseThrow());
        ndctl.destroy(a);
        assertTrue(bus.namespace("a").isEmpty());
        assertSame(a, bus.namespace(a.dev()).orElseThrow()); // id 0 stays registered, idle
        assertSame(b, bus.namespace("b").orElseThrow());
    }

    @Test
    @DisplayName("a name two namespaces hold resolves to the first by region, then registration; then to the other")
    void sharedNameResolvesInScanOrder() throws NdException {
        // the language rejects a second `create namespace a` (NAME-DUPLICATE); the model's API does not
        Namespace inRegion1 = create("a", "region1", 16 * M);
        assertSame(inRegion1, bus.namespace("a").orElseThrow());
        Namespace first = create("a", "region0", 32 * M);
        Namespace second = create("a", "region0", 48 * M);
        assertSame(first, bus.namespace("a").orElseThrow()); // region0 comes before region1
        ndctl.destroy(first);
        assertSame(second, bus.namespace("a").orElseThrow());
        ndctl.destroy(second);
        assertSame(inRegion1, bus.namespace("a").orElseThrow());
        assertEquals(16 * M, inRegion1.size);
    }
}
