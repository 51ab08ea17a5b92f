package org.pmdl.dsl.analysis;

import org.pmdl.model.SourceRef;
import org.pmdl.model.rules.Severity;

/**
 * One finding about a file, static or from running it, as every presenter (text, JSON, LSP) shows it.
 *
 * @param rule   stable rule ID ({@code ALIGN-NS-SIZE}, {@code NAME-UNRESOLVED}, ...)
 * @param source what the rule follows, e.g. "kernel 6.1 drivers/nvdimm/namespace_devs.c __size_store"
 */
public record Diagnostic(String rule, Severity severity, SourceRef range, String message, String source) {
}
