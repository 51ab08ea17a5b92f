package org.pmdl.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
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
        assertThrows(IllegalArgumentException.class, () -> Rules.SYNTAX.message("x"), "no template");
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

    /**
     * Rules whose deciders still write a message of their own, each with why it has no template: none may be added
     * without a reason, and a rule leaves the list as soon as its deciders format through its template.
     */
    static final Map<String, String> UNTEMPLATED = Map.ofEntries(
            // language rules that stand for one check of every kind of declaration: a sentence per kind
            Map.entry("ARCH-ATTRIBUTE", "a sentence per attribute that one architecture lacks (mmu, linear-page, "
                    + "PAGE_SIZE, efi-sp, virtio-mem)"),
            Map.entry("CONFIG-INVALID", "a sentence per .pmdl.json mistake: unknown key, not a list, not a string, "
                    + "unreadable JSON"),
            Map.entry("SIZE-OVERFLOW", "a sentence per quantity: expression value, range end, flush hints, scm "
                    + "geometry"),
            Map.entry("OCXL-CARD", "a sentence per card attribute: arch, OPAL return code, LPC size"),
            Map.entry("OCXL-STEP", "a sentence per part of an ocxl step: verb, card, AFU, option key and value"),
            // one ID over three --align refusals that share one quick fix (RuleFixes: a supported align)
            Map.entry("NDCTL-ALIGN-OPTION", "three --align errors: not a power of 2 (parse_namespace_options, "
                    + "EINVAL), a mode without an alignment or an unsupported one (ENXIO)"));

    @Test
    @DisplayName("no decider writes a rule's message outside the rule's template (but the listed, justified ones)")
    void messagesComeFromTemplates() throws IOException {
        Map<String, Map<String, String>> holders = RuleDeciderTest.holders();
        Map<String, Set<String>> inline = new TreeMap<>(); // rule ID -> "file: message expression"
        RuleDeciderTest.mainSources().forEach((file, unit) -> inlineMessages(unit, holders).forEach(
                (id, messages) -> messages.forEach(m -> inline.computeIfAbsent(id, k -> new TreeSet<>())
                        .add(file.substring(file.lastIndexOf('/') + 1) + ": " + m))));
        List<String> wrong = new ArrayList<>();
        inline.forEach((id, messages) -> {
            if (!UNTEMPLATED.containsKey(id)) {
                messages.forEach(m -> wrong.add(id + " formatted outside its template in " + m));
            }
        });
        UNTEMPLATED.keySet().stream().filter(id -> !inline.containsKey(id))
                .forEach(id -> wrong.add(id + " is listed as untemplated but no decider writes its message"));
        assertEquals(List.of(), wrong);
    }

    @Test
    @DisplayName("the inline-message scan flags literals, concatenations, String.format and String variables")
    void scanSeesInlineMessages() {
        CompilationUnitTree unit = parse("""
                class D {
                    void decide(String name, int n) {
                        String msg = name + " is busy";
                        String fromTemplate = Rules.SCM_GEOMETRY.message(name);
                        warn(Rules.SCM_GEOMETRY, fromTemplate);
                        throw new NdException(Errno.EBUSY, Rules.SYNTAX, msg);
                    }
                    void report(int n) {
                        report(Rules.REGION_EMPTY, String.format("%d", n), this, null);
                        warn(Rules.NAME_DUPLICATE, "twice");
                        warn(Rules.LMB_SIZE, Rules.LMB_SIZE.message("x"), Errno.EINVAL);
                        found(Rules.ERRNO_UNKNOWN, f.message());
                        error("'" + n + "' is unknown", this, null, Rules.ARCH_ATTRIBUTE.id());
                        error(Rules.STEP_ARCH.message(n), this, null, Rules.STEP_ARCH.id());
                    }
                }
                """);
        assertEquals(Set.of("SYNTAX", "REGION-EMPTY", "NAME-DUPLICATE", "ARCH-ATTRIBUTE"),
                inlineMessages(unit, RuleDeciderTest.holders()).keySet());
    }

    /**
     * Rule ID -> the message expressions a unit passes with that rule's constant: any argument after the constant
     * (any argument at all beside {@code RULE.id()}, the code of Xtext's {@code error(message, ..., code)}) that
     * is a String literal, a concatenation with one, a {@code String.format}/{@code formatted} call, or a String
     * variable or parameter of the enclosing method (a message built before the call). A
     * {@code RULE.message(...)} call, or a message a finding already carries ({@code f.message()}), is not one.
     */
    static Map<String, Set<String>> inlineMessages(CompilationUnitTree unit, Map<String, Map<String, String>> holders) {
        Map<String, Set<String>> found = new TreeMap<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void v) {
                check(call.getArguments(), getCurrentPath());
                return super.visitMethodInvocation(call, v);
            }

            @Override
            public Void visitNewClass(NewClassTree created, Void v) {
                check(created.getArguments(), getCurrentPath());
                return super.visitNewClass(created, v);
            }

            private void check(List<? extends ExpressionTree> args, TreePath at) {
                String rule = null;
                int from = 0;
                for (int i = 0; i < args.size() && rule == null; i++) {
                    rule = ruleOf(args.get(i), holders);
                    from = i + 1;
                    if (rule == null && args.get(i) instanceof MethodInvocationTree call && call.getArguments()
                            .isEmpty() && call.getMethodSelect() instanceof MemberSelectTree m
                            && m.getIdentifier().contentEquals("id")) {
                        rule = ruleOf(m.getExpression(), holders);
                        from = 0; // Xtext's error(message, ..., code): the message comes first
                    }
                }
                for (int i = from; rule != null && i < args.size(); i++) {
                    if (isMessage(args.get(i), at)) {
                        found.computeIfAbsent(rule, k -> new TreeSet<>()).add(args.get(i).toString());
                    }
                }
            }
        }.scan(unit, null);
        return found;
    }

    private static String ruleOf(Tree arg, Map<String, Map<String, String>> holders) {
        if (arg instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree holder
                && holders.containsKey(holder.getName().toString())) {
            return holders.get(holder.getName().toString()).get(m.getIdentifier().toString());
        }
        return null;
    }

    private static boolean isMessage(ExpressionTree e, TreePath at) {
        if (e instanceof LiteralTree literal) {
            return literal.getValue() instanceof String;
        }
        if (e instanceof BinaryTree b) {
            return isMessage(b.getLeftOperand(), at) || isMessage(b.getRightOperand(), at);
        }
        if (e instanceof ParenthesizedTree p) {
            return isMessage(p.getExpression(), at);
        }
        if (e instanceof ConditionalExpressionTree c) {
            return isMessage(c.getTrueExpression(), at) || isMessage(c.getFalseExpression(), at);
        }
        if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree m) {
            String name = m.getIdentifier().toString();
            return name.equals("formatted")
                    || name.equals("format") && m.getExpression().toString().equals("String");
        }
        if (e instanceof IdentifierTree id) {
            return stringVariable(id.getName().toString(), at);
        }
        return false;
    }

    /**
     * Whether the name is a String parameter of the enclosing method, or a String local variable of it whose
     * initializer is a message ({@code String msg = RULE.message(...)} is not).
     */
    private static boolean stringVariable(String name, TreePath at) {
        for (TreePath p = at; p != null; p = p.getParentPath()) {
            List<? extends Tree> declared = p.getLeaf() instanceof BlockTree block ? block.getStatements()
                    : p.getLeaf() instanceof MethodTree method ? method.getParameters() : List.of();
            for (Tree t : declared) {
                if (t instanceof VariableTree var && var.getName().contentEquals(name)
                        && var.getType() != null && var.getType().toString().equals("String")) {
                    return var.getInitializer() == null || isMessage(var.getInitializer(), at);
                }
            }
            if (p.getLeaf() instanceof MethodTree) {
                return false;
            }
        }
        return false;
    }

    private static CompilationUnitTree parse(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///D.java"),
                SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            return ((JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null, List.of(file)))
                    .parse().iterator().next();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
