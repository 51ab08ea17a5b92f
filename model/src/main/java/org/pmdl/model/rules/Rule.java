package org.pmdl.model.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule with a stable ID: every diagnostic, hover and report entry comes from one of these, and exactly one place
 * of the model or the language decides it (RuleDeciderTest).
 *
 * @param id       stable, upper-case, never reused (e.g. {@code ALIGN-NS-SIZE})
 * @param owner    the layer whose code the rule follows, stated where the rule is declared
 * @param severity default severity of a finding under this rule
 * @param sources  what the rule follows: kernel/ndctl/QEMU file and function (releases where they differ), or
 *                 the PMDL language; upstream code or commits, never a line of a mail archive
 * @param summary  one line for help texts and rule listings
 * @param fix      what the user does about a finding or refusal under this rule
 */
public record Rule(String id, Layer owner, Severity severity, List<Source> sources, String summary, String fix) {

    public Rule {
        sources = List.copyOf(sources);
        if (sources.isEmpty() || summary.isBlank() || fix.isBlank()) {
            throw new IllegalArgumentException(id + ": a rule has sources, a summary and a fix");
        }
    }

    /** A rule whose sources are written as one "; "-separated citation list. */
    public Rule(String id, Layer owner, Severity severity, String sources, String summary, String fix) {
        this(id, owner, severity, Source.list(sources), summary, fix);
    }

    /** A rule whose findings are errors: what every kernel and driver refusal is. */
    public static Rule error(String id, Layer owner, String sources, String summary, String fix) {
        return new Rule(id, owner, Severity.ERROR, sources, summary, fix);
    }

    /** A rule whose findings are warnings: behaviour that may lose data or surprise, not a refusal. */
    public static Rule warning(String id, Layer owner, String sources, String summary, String fix) {
        return new Rule(id, owner, Severity.WARNING, sources, summary, fix);
    }

    /** The sources as one line, "; "-separated, as reports and hovers cite them. */
    public String source() {
        return sources.stream().map(Source::text).collect(Collectors.joining("; "));
    }

    /** The layer's printed form: "kernel", "ndctl", "daxctl", "kexec-tools", "QEMU", "PowerVM", "pmdl", ... */
    public String layer() {
        return owner.toString();
    }

    /** The releases the rule's sources name ("5.14+", "before 5.7"), or "" when it holds for every modelled one. */
    public String releases() {
        return sources.stream().map(Source::releases).filter(r -> !r.isEmpty()).distinct()
                .collect(Collectors.joining(", "));
    }

    /**
     * Where the rule's facts come from: "seed" (a posted series read in its review thread, cited by the series'
     * function: a source starting "review of"), "seed+upstream" (such facts completed by [ext] upstream text),
     * "pmdl" (the language's own rules), else "upstream" (kernel, ndctl, QEMU).
     */
    public String provenance() {
        String cited = source();
        if (cited.startsWith("review of")) {
            return cited.contains("[ext]") ? "seed+upstream" : "seed";
        }
        return owner == Layer.PMDL ? "pmdl" : "upstream";
    }
}
