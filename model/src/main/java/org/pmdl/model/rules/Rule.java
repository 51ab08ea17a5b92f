package org.pmdl.model.rules;

/**
 * A rule with a stable ID: every diagnostic, hover and report entry comes from one of these.
 *
 * @param id       stable, upper-case, never reused (e.g. {@code ALIGN-NS-SIZE})
 * @param severity default severity of a finding under this rule
 * @param source   what the rule follows: kernel/ndctl/QEMU file and function, or "PMDL" for language rules
 * @param summary  one line for help texts and rule listings
 */
public record Rule(String id, Severity severity, String source, String summary) {

    /** A rule whose findings are errors: what every kernel and driver rule is. */
    public static Rule error(String id, String source, String summary) {
        return new Rule(id, Severity.ERROR, source, summary);
    }

    /**
     * The layer whose code the rule follows, read from its source: "ndctl" (user space refuses before it
     * writes sysfs), "hypervisor" (QEMU or PowerVM behaviour), "pmdl" (the language's own rules), else "kernel".
     */
    public String layer() {
        if (source.startsWith("ndctl")) {
            return "ndctl";
        }
        if (source.startsWith("QEMU") || source.startsWith("PowerVM")) {
            return "hypervisor";
        }
        return source.startsWith("PMDL") ? "pmdl" : "kernel";
    }

    /**
     * Where the rule's facts come from: "seed" (the review threads in shared/seeds), "seed+upstream" (seed facts
     * completed by [ext] upstream text), "pmdl" (the language's own rules), else "upstream" (kernel, ndctl, QEMU).
     */
    public String provenance() {
        if (source.startsWith("seed")) {
            return source.contains("[ext]") ? "seed+upstream" : "seed";
        }
        return layer().equals("pmdl") ? "pmdl" : "upstream";
    }
}
