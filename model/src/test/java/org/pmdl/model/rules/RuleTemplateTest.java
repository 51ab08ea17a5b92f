package org.pmdl.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A rule's message template and its deciders agree: every {@code Holder.RULE.message(values)} call in model/ and
 * dsl/ main sources (parsed by javac, as {@link RuleDeciderTest} does) passes one value per placeholder of that
 * rule's template, only rules with a template are formatted, and every template is used.
 */
class RuleTemplateTest {

    @Test
    @DisplayName("each template's placeholders are distinct names, and message() refuses a wrong count of values")
    void placeholders() {
        for (Rule rule : Rules.all().values()) {
            List<String> names = rule.placeholders();
            assertEquals(names.size(), new HashSet<>(names).size(), rule.id() + ": " + rule.template());
        }
        Rule range = Rules.byId("VIRTIO-MEM-RANGE").orElseThrow();
        assertEquals("0x10 is outside vmem0's region 0x0-0xf", range.message("0x10", "vmem0", "0x0", "0xf"));
        assertThrows(IllegalArgumentException.class, () -> range.message("0x10", "vmem0"));
        assertThrows(IllegalArgumentException.class, () -> Rules.IMPORT_ERRORS.message("x"), "no template");
    }

    @Test
    @DisplayName("every call formatting a rule's message passes as many values as its template has placeholders")
    void callsMatchTemplates() throws IOException {
        Map<String, Map<String, String>> holders = RuleDeciderTest.holders();
        Map<String, List<Integer>> calls = new TreeMap<>(); // rule ID -> the number of values of each call
        for (CompilationUnitTree unit : RuleDeciderTest.mainSources().values()) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree call, Void v) {
                    if (call.getMethodSelect() instanceof MemberSelectTree m
                            && m.getIdentifier().contentEquals("message")
                            && m.getExpression() instanceof MemberSelectTree rule
                            && rule.getExpression() instanceof IdentifierTree holder
                            && holders.containsKey(holder.getName().toString())) {
                        String id = holders.get(holder.getName().toString()).get(rule.getIdentifier().toString());
                        calls.computeIfAbsent(id, k -> new ArrayList<>()).add(call.getArguments().size());
                    }
                    return super.visitMethodInvocation(call, v);
                }
            }.scan(unit, null);
        }
        List<String> wrong = new ArrayList<>();
        for (Rule rule : Rules.all().values()) {
            List<Integer> counts = calls.getOrDefault(rule.id(), List.of());
            int wanted = rule.placeholders().size();
            if (rule.template().isEmpty() ? !counts.isEmpty() : counts.isEmpty()) {
                wrong.add(rule.id() + (counts.isEmpty() ? " has a template no decider formats"
                        : " is formatted but has no template"));
            }
            counts.stream().filter(n -> n != wanted).forEach(n -> wrong.add(rule.id() + ": a call passes " + n
                    + " values to \"" + rule.template() + "\""));
        }
        assertEquals(List.of(), wrong);
        assertTrue(calls.containsKey("NDCTL-SIZE-ALIGN"), "the scan sees calls: " + calls.keySet());
    }
}
