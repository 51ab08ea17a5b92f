package org.pmdl.model.hotplug;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pmdl.model.libnvdimm.NdException;
import org.pmdl.model.scenario.Action;
import org.pmdl.model.topology.Arch;
import org.pmdl.model.topology.BarSpec;

/** PCI BARs mapped with memremap_pages and the CPU accesses to them (seed-rules-B SM-4, SM-5). */
final class P2pdma {
    /** How a BAR is mapped now. */
    private record Mapping(Caching.Pgprot pgprot, Caching.MemType type, boolean p2pdma, String hazard) {
    }

    private final Caching.HotplugArch arch;
    private final Map<String, Mapping> mapped = new HashMap<>();

    P2pdma(Arch arch) {
        this.arch = arch == Arch.X86_64 ? Caching.HotplugArch.X86_64 : Caching.HotplugArch.POWERPC;
    }

    /** memremap_pages(): the pgprot (P2PDMA's own, or the driver's), the arch's add path, the BAR checks. */
    List<Handover.Note> memremap(BarSpec bar, Action.Memremap m) throws NdException {
        Caching.Pgprot pgprot = m.pgprot() != null ? pgprot(m.pgprot())
                : Caching.memremapPgprot(m.p2pdma() ? Caching.PgmapType.PCI_P2PDMA : Caching.PgmapType.DEVDAX);
        Caching.archAddMemory(arch, pgprot, m.altmap());
        Caching.MemType type = Caching.effective(arch, pgprot, bar.mtrrUncached());
        mapped.put(bar.name(), new Mapping(pgprot, type, m.p2pdma(), "none"));
        return Caching.checkBar(arch, pgprot, bar.mtrrUncached(), m.altmap());
    }

    /** The hazards the device may observe for these operations; the first one's rule is the BAR's `hazard`. */
    List<Handover.Note> access(BarSpec bar, List<String> ops) throws NdException {
        Mapping m = mapped.get(bar.name());
        if (m == null) {
            throw new NdException(null, HotplugRules.BAR_NOT_MAPPED,
                    HotplugRules.BAR_NOT_MAPPED.message(bar.name(), bar.name()));
        }
        List<Handover.Note> notes = Caching.ordering(m.type(), ops.stream()
                .map(o -> Caching.Op.valueOf(o.toUpperCase(Locale.ROOT))).toList(), m.p2pdma());
        mapped.put(bar.name(), new Mapping(m.pgprot(), m.type(), m.p2pdma(),
                notes.isEmpty() ? "none" : notes.get(0).rule().id()));
        return notes;
    }

    Map<String, Object> values(BarSpec bar) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("start", bar.base());
        v.put("size", bar.size());
        Mapping m = mapped.get(bar.name());
        v.put("mapped", m != null);
        if (m != null) {
            v.put("pgprot", m.pgprot().name().toLowerCase(Locale.ROOT));
            v.put("memtype", m.type().label());
            v.put("hazard", m.hazard());
        }
        return v;
    }

    private static Caching.Pgprot pgprot(String keyword) {
        return switch (keyword) {
            case "wc" -> Caching.Pgprot.WRITECOMBINE;
            case "uc" -> Caching.Pgprot.NONCACHED;
            default -> Caching.Pgprot.PAGE_KERNEL;
        };
    }
}
