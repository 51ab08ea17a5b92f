package org.pmdl.model.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * @param template the message of a finding under this rule, with a {@code {name}} placeholder for each value its
 *                 decider passes to {@link #message}, in order; "" for a rule that is only applied (no message
 *                 of its own) or that RuleTemplateTest lists, with its reason, among the untemplated
 */
public record Rule(String id, Layer owner, Severity severity, List<Source> sources, String summary, String fix,
        String template) {

    /** A template's placeholder: {@code {kernel}}, {@code {known}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z-]*)\\}");

    public Rule {
        sources = List.copyOf(sources);
        if (sources.isEmpty() || summary.isBlank() || fix.isBlank()) {
            throw new IllegalArgumentException(id + ": a rule has sources, a summary and a fix");
        }
    }

    /** A rule whose sources are written as one "; "-separated citation list. */
    public Rule(String id, Layer owner, Severity severity, String sources, String summary, String fix) {
        this(id, owner, severity, Source.list(sources), summary, fix, "");
    }

    /** A rule whose findings are errors: what every kernel and driver refusal is. */
    public static Rule error(String id, Layer owner, String sources, String summary, String fix) {
        return new Rule(id, owner, Severity.ERROR, sources, summary, fix);
    }

    /** A rule whose findings are warnings: behaviour that may lose data or surprise, not a refusal. */
    public static Rule warning(String id, Layer owner, String sources, String summary, String fix) {
        return new Rule(id, owner, Severity.WARNING, sources, summary, fix);
    }

    /** This rule with a message template; see {@link #message}. */
    public Rule withTemplate(String messageTemplate) {
        return new Rule(id, owner, severity, sources, summary, fix, messageTemplate);
    }

    /** The template's placeholder names, in order. */
    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * A finding's message: the template with its placeholders replaced, in order, by {@code values}. A decider
     * passes exactly one value per placeholder (RuleTemplateTest checks the calls).
     */
    public String message(Object... values) {
        List<String> names = placeholders();
        if (template.isEmpty() || names.size() != values.length) {
            throw new IllegalArgumentException(id + ": template \"" + template + "\" takes " + names.size()
                    + " values, not " + values.length);
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int i = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(values[i++])));
        }
        m.appendTail(out);
        return out.toString();
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
