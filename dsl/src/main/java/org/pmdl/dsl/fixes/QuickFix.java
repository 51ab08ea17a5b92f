package org.pmdl.dsl.fixes;

import java.util.List;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.text.TextEdit;

/**
 * A verified fix for one diagnostic: a title for menus ("Round the size up to 112M ...") and the edits that
 * make it. {@link QuickFixes} offers it only after the edited file was analysed again and the diagnostic went
 * away without a new error.
 */
public record QuickFix(String title, Diagnostic diagnostic, List<TextEdit> edits) {
}
