package org.pmdl.model.ocxl;

import static org.pmdl.model.Fixtures.G;
import static org.pmdl.model.Fixtures.K;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pmdl.model.Fixtures;
import org.pmdl.model.SourceRef;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.scenario.ScenarioStep;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.Cpu;
import org.pmdl.model.topology.Hypervisor;
import org.pmdl.model.topology.Mmu;
import org.pmdl.model.topology.PlatformSpec;

/** A powernv machine with one OpenCAPI card, and ocxl steps written the way the DSL writes them. */
final class OcxlFixtures {
    private OcxlFixtures() {
    }

    static final long BASE = 0x0006_0000_0000_0000L;
    /** seed-rules-C §4.8: revision 0x12, read_latency 0x196, readiness 2 s, memory available 3 s. */
    static final long CCAP0 = 0x0032_0196_0000_0012L;

    static OcxlSpec.Afu afu(String name, long offset, long size) {
        return new OcxlSpec.Afu(name, offset, size, 0, 0, SourceRef.NONE);
    }

    static OcxlSpec card(long opalBase, long allocRc, int physmemBits, long ccap0, OcxlSpec.Afu... afus) {
        return new OcxlSpec("card0", 0, 0x100, List.of(afus), opalBase, allocRc, 0, physmemBits, ccap0,
                OcxlSpec.SECTION_SIZE, SourceRef.NONE);
    }

    static OcxlSpec card(OcxlSpec.Afu... afus) {
        return card(BASE, 0, OcxlSpec.MAX_PHYSMEM_BITS, CCAP0, afus);
    }

    static PlatformSpec powernv(OcxlSpec card) {
        return new PlatformSpec("powernv", Arch.PPC64, Mmu.RADIX, 64 * K, 0, Cpu.POWER9, null, Hypervisor.NONE, null,
                List.of(), List.of(), null, List.of(), false, SourceRef.NONE, List.of(card),
                org.pmdl.model.topology.HotplugSpec.NONE);
    }

    static PlatformSpec powernv() {
        return powernv(card(afu("afu0", 0, 4 * G)));
    }

    /** {@code ocxl VERB card0 [afu AFU] key value ... flag ...}: numbers are values, other words flags. */
    static OcxlStep ocxl(String verb, String afu, Object... options) {
        Map<String, Long> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<Object> list = Arrays.asList(options);
        for (int i = 0; i < list.size(); i++) {
            if (i + 1 < list.size() && list.get(i + 1) instanceof Number n) {
                values.put((String) list.get(i), n.longValue());
                i++;
            } else {
                flags.add((String) list.get(i));
            }
        }
        return new OcxlStep(verb, "card0", afu, values, flags);
    }

    static ScenarioStep step(OcxlStep s) {
        return Fixtures.step(s);
    }

    static ScenarioResult run(PlatformSpec platform, OcxlStep... steps) {
        return Fixtures.run(platform, Arrays.stream(steps).map(OcxlFixtures::step).toArray(ScenarioStep[]::new));
    }

    /** What the last step left readable on its card or AFU. */
    static Object after(ScenarioResult r, String attribute) {
        return Fixtures.last(r).values().get(attribute);
    }
}
