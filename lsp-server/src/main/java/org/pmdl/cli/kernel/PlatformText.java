package org.pmdl.cli.kernel;

import java.util.List;

/**
 * A platform found on a machine or in a QEMU command line, written back as {@code .pmdl} text.
 *
 * @param persistence ndctl's word (cpu_cache, memory_controller) or null when the machine exports none
 * @param origin      one comment line saying where the platform came from
 */
record PlatformText(String name, String arch, String persistence, List<Dimm> dimms, List<Region> regions,
        String origin) {

    /** @param labelArea the label area in bytes, 0 for a label-less DIMM */
    record Dimm(String name, long size, long labelArea) {
    }

    record Region(String name, long spa, String dimm, long dpa, long size, boolean readOnly) {
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("// ").append(origin).append('\n');
        out.append("platform ").append(name).append(" {\n");
        out.append("    arch ").append(arch).append('\n');
        out.append("    kernel \"6.1\"\n");
        if (persistence != null) {
            out.append("    persistence ").append(persistence).append('\n');
        }
        for (Dimm d : dimms) {
            out.append("    nvdimm ").append(d.name()).append(" { size ").append(QemuMachine.size(d.size()));
            if (d.labelArea() > 0) {
                out.append("  label-area ").append(QemuMachine.size(d.labelArea()));
            }
            out.append(" }\n");
        }
        for (Region r : regions) {
            out.append("    region ").append(r.name()).append(" at ").append(QemuMachine.hex(r.spa()))
                    .append(" { mapping ").append(r.dimm()).append(" dpa ").append(QemuMachine.size(r.dpa()))
                    .append(" size ").append(sizeExpression(r.size()));
            if (r.readOnly()) {
                out.append("  read-only");
            }
            out.append(" }\n");
        }
        out.append("}\n");
        return out.toString();
    }

    /** {@code 4G - 128K} reads better than 4294836224 for a QEMU region that lost its label area. */
    private static String sizeExpression(long bytes) {
        long g = 1L << 30;
        long up = QemuMachine.align(bytes, g);
        if (up != bytes && up - bytes < (1L << 20) && QemuMachine.size(up - bytes).endsWith("K")) {
            return QemuMachine.size(up) + " - " + QemuMachine.size(up - bytes);
        }
        return QemuMachine.size(bytes);
    }
}
