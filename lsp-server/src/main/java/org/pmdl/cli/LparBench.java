package org.pmdl.cli;

import com.google.inject.Injector;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pmdl.dsl.PmdlStandaloneSetup;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.Engine;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.engine.ScenarioStatus;
import org.pmdl.model.pseries.LmbTable;

/**
 * {@code pmdl bench lpar [--lmbs N] [--rounds R]}: a pseries LPAR of N LMBs of 256M (default 262,144: 64 TiB) in
 * runs of 256 LMBs spread over four nodes, every eighth run unassigned. Each round parses, validates and compiles
 * the file, encodes the hypervisor's LMB table to ibm,dynamic-memory-v2 and decodes it back, then runs a
 * scenario: boot (drmem_info from the property), DLPAR remove and add, LPM moving half the LMBs to another node,
 * and a DLPAR add that rewrites the property from drmem_info. Heap is measured after the last round.
 */
final class LparBench {
    private static final int RUN = 256;

    private LparBench() {
    }

    static String text(int lmbs) {
        StringBuilder text = new StringBuilder(64 * (lmbs / RUN + 16));
        text.append("platform big_lpar {\n    arch ppc64 { mmu radix  page-size 64K }\n    cpu power10\n")
                .append("    kernel \"6.1\"\n    hypervisor powervm\n    lpar {\n        lmb-size 256M\n");
        for (int first = 0; first < lmbs; first += RUN) {
            int run = first / RUN;
            text.append("        lmbs ").append(first).append(" .. ").append(Math.min(first + RUN, lmbs) - 1)
                    .append(" node ").append(run % 4).append(run % 8 == 7 ? "" : " assigned").append('\n');
        }
        text.append("        cpus 8 max 16\n    }\n}\n\nscenario dlpar_lpm on big_lpar {\n")
                .append("    dlpar remove memory count 64\n")
                .append("    dlpar add memory count 128\n")
                .append("    migrate { lmbs 0 .. ").append(lmbs / 2 - 1).append(" node 5 }\n")
                .append("    expect lmb 1 aa_index == 5\n")
                .append("    dlpar add memory index 0x").append(Long.toHexString(0x80000000L + lmbs - 1)).append('\n')
                .append("    expect lmb 1 dt_aa_index == 5\n")
                .append("    expect lmb ").append(lmbs - 1).append(" assigned == \"true\"\n}\n");
        return text.toString();
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int lmbs = 262_144;
        int rounds = 3;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--lmbs" -> lmbs = CliOptions.count(args, ++i, "--lmbs", 2 * RUN, 16_777_216);
                    case "--rounds" -> rounds = CliOptions.count(args, ++i, "--rounds", 1, 1000);
                    default -> throw new IllegalArgumentException("unknown bench option " + args.get(i));
                }
            }
        } catch (RuntimeException e) {
            err.println("pmdl bench lpar: " + e.getMessage() + " (usage: pmdl bench lpar [--lmbs N] [--rounds R])");
            return Pmdl.USAGE;
        }
        String source = text(lmbs);
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        Injector injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
        out.printf("pmdl bench lpar: %d LMBs of 256M (%d TiB), %d lines, %d KiB of text%n", lmbs,
                (long) lmbs * 256 >> 20, source.lines().count(), bytes.length / 1024);
        out.println("round  parse+validate ms  compile ms  encode v2 ms  decode v2 ms  v2 bytes  sets  run ms  status");
        boolean pass = true;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            PmdlFile file = Bench.loadValidated(injector, bytes, "lpar-bench.pmdl");
            long t1 = System.nanoTime();
            PmdlCompiler.CompiledFile compiled = new PmdlCompiler().compile(file);
            long t2 = System.nanoTime();
            LmbTable table = LmbTable.declared(compiled.platforms().get("big_lpar").lpar());
            byte[] v2 = table.encodeV2();
            long t3 = System.nanoTime();
            LmbTable decoded = LmbTable.decodeV2(v2, table.lmbSize());
            long t4 = System.nanoTime();
            ScenarioResult result = new Engine(compiled.platforms()).run(compiled.scenarios().get(0), RunOptions.DEFAULT);
            long t5 = System.nanoTime();
            pass &= result.status() == ScenarioStatus.PASS && decoded.size() == lmbs;
            out.printf("%5d  %17d  %10d  %12.1f  %12.1f  %8d  %4d  %6d  %s%n", r + 1, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1e6, (t4 - t3) / 1e6, v2.length,
                    java.nio.ByteBuffer.wrap(v2).getInt(), (t5 - t4) / 1_000_000, result.status().label());
        }
        Bench.printHeap(out);
        return pass ? Pmdl.OK : Pmdl.FINDINGS;
    }
}
