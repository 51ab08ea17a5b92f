package org.pmdl.dsl.parser;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.NoViableAltException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenStream;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.diagnostics.Diagnostic;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/**
 * Syntax errors in the language's words: what was found and what PMDL expects there (a name, a size, a step),
 * never ANTLR's token names or its "extraneous input"/"no viable alternative". A size written the way other
 * tools write it ({@code 512MB}, {@code 512m}, {@code 1.5G}) gets the units PMDL accepts and the size to write.
 */
public class PmdlSyntaxErrorMessages extends SyntaxErrorMessageProvider {
    static final String UNITS = "a size is a whole number with an optional binary unit K, M, G or T (also KiB, MiB, "
            + "GiB, TiB), upper case: 4096, 0x1000, 128K, 512M, 4G";

    /** What a rule of the grammar stands for, innermost first wins (Pmdl.xtext's rule names). */
    private static final Map<String, String> EXPECTED_BY_RULE = Map.ofEntries(
            Map.entry("SizeExpr", "a size (4096, 0x1000, 16M, 4G - 128K)"),
            Map.entry("Sum", "a size (4096, 0x1000, 16M, 4G - 128K)"),
            Map.entry("Product", "a size (4096, 0x1000, 16M, 4G - 128K)"),
            Map.entry("Atom", "a size (4096, 0x1000, 16M, 4G - 128K)"),
            Map.entry("Value", "a value (a size, a \"string\" or a word such as fsdax)"),
            Map.entry("Condition", "a condition (NAME bound, NAME.attr == VALUE, NS[OFF] == V)"),
            Map.entry("Expectation", "an expectation (ok, error ERRNO, NAME.attr == VALUE, log \"TEXT\", ...)"),
            Map.entry("Outcome", "`ok` or `error ERRNO`"),
            Map.entry("MediaLocation", "a location NS[OFFSET]"),
            Map.entry("Mapping", "`mapping NVDIMM dpa SIZE size SIZE`"),
            Map.entry("Nvdimm", "`size`, `label-area` or `}`"),
            Map.entry("Region", "`mapping`, `persistence`, `read-only`, `flush-hints`, `async` or `}`"),
            Map.entry("Scm", "an scm attribute (drc-index, block-size, blocks, metadata-size, cache-flush-required, "
                    + "health, ...) or `}`"),
            Map.entry("Lpar", "an lpar attribute (lmb-size, lmbs, cpus, dynamic-memory-v1) or `}`"),
            Map.entry("ArchDecl", "an architecture: x86_64 or ppc64 (ppc64 { mmu hash page-size 64K })"),
            Map.entry("Step", "a step (boot, init-labels, create namespace, set REGION align, reconfigure, destroy "
                    + "namespace, reboot, kexec, store, expect, ...) or `}`"),
            Map.entry("Action", "a step (boot, init-labels, create namespace, set REGION align, reconfigure, "
                    + "destroy namespace, reboot, kexec, store, expect, ...) or `}`"),
            Map.entry("Scenario", "a step (boot, init-labels, create namespace, set REGION align, reconfigure, "
                    + "destroy namespace, reboot, kexec, store, expect, ...) or `}`"),
            Map.entry("Platform", "a platform attribute or device (arch, cpu, kernel, persistence, nvdimm, region, "
                    + "scm, lpar, e820, memory, ...) or `}`"),
            Map.entry("PmdlFile", "`platform`, `scenario` or `import`"),
            Map.entry("ArchKind", "an architecture: x86_64 or ppc64"),
            Map.entry("MmuKind", "an MMU: radix or hash"),
            Map.entry("CpuKind", "a CPU: generic, power8, power9 or power10"),
            Map.entry("HypervisorKind", "a hypervisor: powervm or qemu"),
            Map.entry("PersistenceKind", "a persistence domain: cpu_cache, memory_controller or none"),
            Map.entry("MapSyncPolicy", "`enabled` or `disabled`"),
            Map.entry("NamespaceModeKind", "a mode: raw, sector, fsdax or devdax"),
            Map.entry("MapKind", "where the memmap goes: mem or dev"),
            Map.entry("Comparison", "a comparison: ==, !=, <, <=, > or >="),
            Map.entry("DaxModeKind", "`system-ram` or `devdax`"),
            Map.entry("OnlineTypeKind", "offline, online, online_kernel or online_movable"),
            Map.entry("PgprotKind", "page-kernel, wc or uc"),
            Map.entry("MmioOp", "store, wmb, doorbell, lock, unlock or atomic"));

    /** The lexer stopped inside a number: it read 512m as the start of 512ms, 512Mi as the start of 512MiB. */
    private static final Pattern LEXER_UNIT = Pattern.compile("mismatched character .* expecting '[sB]'");
    private static final Pattern LEXER_MISMATCH = Pattern.compile("mismatched character '(.+)' expecting '(.+)'",
            Pattern.DOTALL);

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        // Xtext's own syntax code: PmdlAnalyzer.ruleOf, SYNTAX's one home, reads it as SYNTAX
        return new SyntaxErrorMessage(message(context), Diagnostic.SYNTAX_DIAGNOSTIC);
    }

    private static String message(IParserErrorContext context) {
        RecognitionException e = context.getRecognitionException();
        String message = context.getDefaultMessage();
        if (e == null) { // the lexer's
            return lexerMessage(message);
        }
        String sizeMistake = sizeMistake(e, context.getTokenNames());
        if (sizeMistake != null) {
            return sizeMistake;
        }
        String found = e.token == null || e.token.getType() == Token.EOF ? "end of file"
                : "'" + e.token.getText() + "'";
        String token = e instanceof MismatchedTokenException mismatched && mismatched.expecting > 0
                && context.getTokenNames() != null && mismatched.expecting < context.getTokenNames().length
                ? context.getTokenNames()[mismatched.expecting] : null;
        // a block's closing brace is what ANTLR names when nothing the block may hold came next: say what it may hold
        // a name is ValidID, an ID or any keyword: ANTLR finds no alternative there rather than a missing RULE_ID
        String expected = e instanceof NoViableAltException && isName(context.getCurrentNode()) ? words("RULE_ID")
                : token == null || token.equals("'}'") && expectedHere(context) != null
                ? expectedHere(context) : words(token);
        return expected == null ? "unexpected " + found : "unexpected " + found + "; expected " + expected;
    }

    /** The lexer stops inside a token: a number read as the start of 512MiB or 500ms, a string or a comment. */
    private static String lexerMessage(String message) {
        if (LEXER_UNIT.matcher(message).find()) {
            return "not a size: " + UNITS + "; a duration takes ms or s (500ms)";
        }
        Matcher mismatch = LEXER_MISMATCH.matcher(message);
        if (mismatch.matches() && mismatch.group(2).equals("\"")) {
            return "unterminated string: a \"string\" ends with \" on the line it starts on";
        }
        return mismatch.matches() ? "unexpected " + (mismatch.group(1).equals("<EOF>") ? "end of file"
                : "'" + mismatch.group(1) + "'") + "; expected '" + mismatch.group(2) + "'" : readable(message);
    }

    /**
     * {@code 512MB}, {@code 512kb} or {@code 1.5G}: a NUMBER immediately followed by letters or a '.' that no
     * space separates from it. Says what to write instead.
     */
    private static String sizeMistake(RecognitionException e, String[] tokenNames) {
        if (e.token == null || !(e.input instanceof TokenStream tokens) || e.token.getTokenIndex() < 1
                || tokenNames == null) {
            return null;
        }
        Token previous = tokens.get(e.token.getTokenIndex() - 1);
        int number = List.of(tokenNames).indexOf("RULE_NUMBER");
        if (previous.getType() != number || !(previous instanceof CommonToken before)
                || !(e.token instanceof CommonToken after)
                || before.getStopIndex() + 1 != after.getStartIndex()) {
            return null;
        }
        StringBuilder run = new StringBuilder(previous.getText()); // the whole word: 1.5G, not just "1."
        int end = before.getStopIndex();
        for (int i = previous.getTokenIndex() + 1; i < tokens.size() && tokens.get(i) instanceof CommonToken next
                && next.getStartIndex() == end + 1 && next.getChannel() == Token.DEFAULT_CHANNEL; i++) {
            run.append(next.getText());
            end = next.getStopIndex();
        }
        String written = run.toString();
        return "'" + written + "' is not a size: " + UNITS + suggestion(written);
    }

    /** The size PMDL spells for 512MB, 512kb, 512MiB's cousins and 1.5G (1536M), or "" when there is none. */
    private static String suggestion(String written) {
        Matcher size = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTkmgt])(?:i?[bB])?").matcher(written);
        if (!size.matches()) {
            return "";
        }
        String units = "KMGT";
        BigDecimal value = new BigDecimal(size.group(1));
        int unit = units.indexOf(Character.toUpperCase(size.group(2).charAt(0)));
        while (value.stripTrailingZeros().scale() > 0 && unit > 0) { // 1.5G is 1536M
            value = value.multiply(BigDecimal.valueOf(1024));
            unit--;
        }
        return value.stripTrailingZeros().scale() > 0 ? ""
                : "; write " + value.stripTrailingZeros().toPlainString() + units.charAt(unit);
    }

    /** What the rule being parsed, or the innermost one around it with a description, expects. */
    private static String expectedHere(IParserErrorContext context) {
        for (INode node = context.getCurrentNode(); node != null; node = node.getParent()) {
            EObject element = node.getGrammarElement();
            AbstractRule rule = element instanceof RuleCall call ? call.getRule()
                    : element instanceof AbstractRule r ? r : null;
            if (rule != null && EXPECTED_BY_RULE.containsKey(rule.getName())) {
                return EXPECTED_BY_RULE.get(rule.getName());
            }
        }
        EObject current = context.getCurrentContext();
        return current == null ? EXPECTED_BY_RULE.get("PmdlFile") : EXPECTED_BY_RULE.get(current.eClass().getName());
    }

    /** A token name as the language says it: a keyword as written, a terminal as what it stands for. */
    static String words(String tokenName) {
        return switch (tokenName) {
            case "RULE_ID" -> "a name";
            case "RULE_NUMBER" -> "a number or size (4096, 0x1000, 16M)";
            case "RULE_STRING" -> "a \"string\"";
            case "RULE_DURATION" -> "a duration (500ms, 3s)";
            case "EOF", "<EOF>" -> "end of file";
            default -> tokenName.startsWith("'") && tokenName.endsWith("'")
                    ? "`" + tokenName.substring(1, tokenName.length() - 1) + "`" : readable(tokenName);
        };
    }

    private static boolean isName(INode node) {
        EObject element = node == null ? null : node.getGrammarElement();
        if (element instanceof CrossReference reference) {
            element = reference.getTerminal();
        }
        return element instanceof RuleCall call && "ValidID".equals(call.getRule().getName());
    }

    static String readable(String message) {
        return message
                .replace("RULE_ID", "a name")
                .replace("RULE_NUMBER", "a number or size (4096, 0x1000, 16M)")
                .replace("RULE_STRING", "a \"string\"")
                .replace("RULE_DURATION", "a duration (500ms, 3s)")
                .replace("<EOF>", "end of file");
    }
}
