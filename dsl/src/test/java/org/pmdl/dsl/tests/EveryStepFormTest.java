package org.pmdl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractElement;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Alternatives;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EnumLiteralDeclaration;
import org.eclipse.xtext.EnumRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Group;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.UnorderedGroup;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pmdl.dsl.analysis.Diagnostic;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.services.PmdlGrammarAccess;
import org.pmdl.model.engine.EngineRules;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.StepResult;
import org.pmdl.model.rules.Rules;

/**
 * Issue 17: no step form the language accepts ends in MODEL-INTERNAL. The forms are read from the grammar's
 * {@code Action} and {@code Expectation} rules (not a hand list, so a step kind added later is covered): each
 * step with every optional part left out, then with each optional part, alternative, enum literal or value
 * changed alone. Each runs on a small x86 platform through the real validator, compiler and engine; the answer
 * must be located on the step's line and cite a catalogued rule, and a refused step must name its errno and the
 * rule that decided it.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(PmdlInjectorProvider.class)
class EveryStepFormTest {
    /** A labelled NVDIMM region with one fsdax namespace, hot-pluggable memory, a virtio-mem device and a BAR. */
    private static final String PLATFORM = """
            platform p {
                arch x86_64
                nvdimm d { size 4G label-area 128K }
                region r at 0x100000000 { mapping d dpa 0 size 4G - 128K }
                memory m at 0x200000000 { size 1G }
                virtio-mem v at 0x300000000 { size 1G block-size 2M }
                bar b at 0x400000000 { size 2M }
            }
            scenario s on p {
                init-labels d expect ok
                create namespace ns in r mode fsdax size 1G expect ok
            """;

    /** What a cross-reference of each type names in {@link #PLATFORM}; an afu has no card on x86. */
    private static final Map<String, String> REFERENCES = Map.of("Platform", "p", "RegionOwner", "r", "Named", "ns",
            "Dimm", "d", "Nvdimm", "d", "Memory", "m", "VirtioMem", "v", "Bar", "b", "OcxlAfu", "a");

    /** The value of an ID where the step expects a word of its own vocabulary; anything else gets "x". */
    private static final Map<String, String> WORDS = Map.of("name", "H_SCM_BIND_MEM", "command", "get-config-size",
            "errno", "EINVAL", "indicator", "isolation-state", "verb", "probe", "key", "crdy-at", "attribute", "nid",
            "hcall", "H_SCM_BIND_MEM");

    private static final String NEW_NAME = "n2";

    @Inject
    private ParseHelper<PmdlFile> parser;
    @Inject
    private PmdlAnalyzer analyzer;
    @Inject
    private PmdlGrammarAccess grammar;

    @TestFactory
    Stream<DynamicTest> everyStepForm() {
        Set<String> steps = new LinkedHashSet<>();
        steps.addAll(forms(grammar.getActionRule().getAlternatives(), null));
        forms(grammar.getExpectationRule().getAlternatives(), null).forEach(e -> steps.add("expect " + e));
        assertTrue(steps.size() > 100, () -> "too few forms read from the grammar: " + steps.size());
        return steps.stream().map(step -> DynamicTest.dynamicTest(step, () -> assertAnswered(step)));
    }

    private void assertAnswered(String step) throws Exception {
        String file = PLATFORM + "    " + step + "\n}\n";
        int line = (int) PLATFORM.lines().count() + 1;
        PmdlFile parsed = parser.parse(file);
        assertTrue(parsed.eResource().getErrors().isEmpty(), () -> "the grammar's own form does not parse: "
                + parsed.eResource().getErrors() + "\n" + file);
        FileAnalysis analysis = analyzer.analyze(parsed.eResource(), true, RunOptions.DEFAULT, null,
                CancelIndicator.NullImpl);
        for (Diagnostic d : analysis.diagnostics()) {
            String shown = "[" + d.rule() + "] line " + d.range().line() + ": " + d.message() + "\n" + file;
            assertFalse(d.rule().equals(EngineRules.MODEL_INTERNAL.id()), shown);
            assertTrue(Rules.byId(d.rule()).isPresent() && !d.rule().equals(Rules.SYNTAX.id()), shown);
            assertTrue(d.range().line() == line, () -> "not on the step's line " + line + ": " + shown);
        }
        for (var scenario : analysis.scenarios()) {
            StepResult result = scenario.steps().get(scenario.steps().size() - 1);
            if (!result.ok() && result.expectation() == null) {
                // a kernel or tool refusal names its errno and deciding rule; a step the scenario cannot take
                // (an hcall on x86, memory not added, a BAR not mapped) is a located finding of its own rule
                boolean finding = analysis.diagnostics().stream().anyMatch(d -> d.range().line() == line);
                assertTrue(finding || result.errno() != null, () -> "refused without an errno or finding:\n" + file);
                assertTrue(finding || !result.applied().isEmpty(), () -> "refused without a deciding rule:\n"
                        + file);
            }
        }
    }

    /** The element's minimal form first, then each form that changes one choice of it; cardinality included. */
    private List<String> forms(AbstractElement e, String feature) {
        List<String> once = once(e, feature);
        boolean optional = GrammarUtil.isOptionalCardinality(e);
        List<String> all = new ArrayList<>();
        if (optional) {
            all.add("");
        }
        all.addAll(once);
        return List.copyOf(new LinkedHashSet<>(all));
    }

    /** The element taken once: its minimal form first, then the forms that change one choice. */
    private List<String> once(AbstractElement e, String feature) {
        if (e instanceof Keyword k) {
            return List.of(k.getValue());
        }
        if (e instanceof org.eclipse.xtext.Action) {
            return List.of("");
        }
        if (e instanceof Assignment a) {
            return forms(a.getTerminal(), a.getFeature());
        }
        if (e instanceof CrossReference ref) {
            String type = ref.getType().getClassifier().getName();
            String name = REFERENCES.get(type);
            assertNotNull(name, () -> "EveryStepFormTest: name an object of type " + type + " in its platform");
            return List.of(name);
        }
        if (e instanceof Alternatives alternatives) {
            List<String> all = new ArrayList<>();
            alternatives.getElements().forEach(alt -> all.addAll(forms(alt, feature)));
            return List.copyOf(new LinkedHashSet<>(all));
        }
        if (e instanceof Group || e instanceof UnorderedGroup) {
            return sequence(((org.eclipse.xtext.CompoundElement) e).getElements(), feature);
        }
        if (e instanceof RuleCall call) {
            return ruleForms(call.getRule(), feature);
        }
        throw new AssertionError("EveryStepFormTest does not know grammar element " + e.eClass().getName());
    }

    /** A sequence: every part minimal, then one part at a time changed to each of its other forms. */
    private List<String> sequence(List<AbstractElement> parts, String feature) {
        List<List<String>> each = parts.stream().map(p -> forms(p, feature)).toList();
        Set<String> all = new LinkedHashSet<>();
        all.add(join(each, -1, null));
        for (int i = 0; i < each.size(); i++) {
            for (String changed : each.get(i).subList(1, each.get(i).size())) {
                all.add(join(each, i, changed));
            }
        }
        return List.copyOf(all);
    }

    private static String join(List<List<String>> each, int changedAt, String changed) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < each.size(); i++) {
            String part = i == changedAt ? changed : each.get(i).get(0);
            if (!part.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(part);
            }
        }
        return text.toString();
    }

    private List<String> ruleForms(AbstractRule rule, String feature) {
        switch (rule.getName()) {
            case "SizeExpr":
                return List.of("2M", "0");
            case "ValidID":
                return List.of(NEW_NAME); // a declaration's new name (references are CrossReferences)
            case "AttributePath":
                return List.of("ns.size", "r.read_only");
            default:
                break;
        }
        if (rule instanceof EnumRule enumRule) {
            List<String> literals = new ArrayList<>();
            EObject alternatives = enumRule.getAlternatives();
            if (alternatives instanceof EnumLiteralDeclaration one) {
                literals.add(one.getLiteral().getValue());
            } else {
                ((Alternatives) alternatives).getElements()
                        .forEach(l -> literals.add(((EnumLiteralDeclaration) l).getLiteral().getValue()));
            }
            return literals;
        }
        if (rule instanceof TerminalRule) {
            return switch (rule.getName()) {
                case "STRING" -> List.of("\"x\"");
                case "DURATION" -> List.of("1s");
                case "ID" -> List.of(WORDS.getOrDefault(feature, "x"));
                default -> throw new AssertionError("EveryStepFormTest: give terminal " + rule.getName() + " a value");
            };
        }
        return once(((ParserRule) rule).getAlternatives(), feature);
    }
}
