package org.pmdl.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One rule, one decider. A <em>decider</em> is a main source file (a class with its nested classes) of model/ or
 * dsl/ (the validator, {@link #VALIDATOR}, counts as one) that names a rule's constant other than in a comparison:
 * naming it is the only way to create a finding, a diagnostic, a refusal ({@code NdException}) or an applied-rule
 * entry under that rule, since code elsewhere only passes on the {@link Rule} object a decider produced
 * ({@link org.pmdl.model.libnvdimm.MappingAlign} hands MAPPING-ALIGN to the bus and to the validator). Comparisons
 * ({@code rule == X}, {@code X.id().equals(code)}) read a decision, they do not make one. The test parses those
 * sources with javac's own parser (no guessing from text), resolves {@code Holder.CONSTANT} and static imports
 * against the holders {@link Rules} collects, and fails when a rule of the catalog has no decider or more than one.
 */
class RuleDeciderTest {

    /**
     * The language's validator is one decider however many classes it is composed of (one per subsystem): a
     * language rule such as ATTRIBUTE-MISSING is checked for each kind of declaration.
     */
    static final String VALIDATOR = "dsl/src/main/java/org/pmdl/dsl/validation/";

    /**
     * Quick fixes are looked up by the rule that decided a refused step (dsl/fixes/RuleFixes): naming a rule there
     * reads a decision, as a comparison does; a fix never creates a finding.
     */
    static final String FIXES = "dsl/src/main/java/org/pmdl/dsl/fixes/";

    /** The repository root: Maven runs tests from the module directory, model/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    @DisplayName("every rule in Rules.all() is decided in exactly one place of model/ and dsl/ main sources")
    void oneDeciderPerRule() throws IOException {
        Map<String, Set<String>> deciders = deciders();
        List<String> none = new ArrayList<>();
        List<String> several = new ArrayList<>();
        for (String id : Rules.all().keySet()) {
            Set<String> places = deciders.getOrDefault(id, Set.of());
            if (places.isEmpty()) {
                none.add(id);
            } else if (places.size() > 1) {
                several.add(id + " " + places);
            }
        }
        assertEquals("no rule without a decider\nno rule with several deciders",
                "no rule without a decider" + none.stream().map(id -> " " + id).collect(Collectors.joining())
                        + "\nno rule with several deciders" + several.stream().map(r -> "\n  " + r)
                                .collect(Collectors.joining()),
                "implement a rule no code decides from its kernel source, or delete it; give a rule decided in two "
                        + "places one decider, or make it two rules");
    }

    @Test
    @DisplayName("the scan finds the deciders it must: it cannot pass by seeing nothing")
    void scanSeesKnownDeciders() throws IOException {
        Map<String, Set<String>> deciders = deciders();
        assertTrue(deciders.getOrDefault("NS-NO-SPACE", Set.of()).stream()
                .anyMatch(d -> d.startsWith("model/src/main/java/org/pmdl/model/libnvdimm/")),
                deciders.get("NS-NO-SPACE") + " should be the model of namespace_devs.c __size_store");
        assertEquals(Set.of(VALIDATOR), deciders.get("NAME-DUPLICATE"), "validator rules are found in dsl/");
        assertEquals(Set.of("model/src/main/java/org/pmdl/model/libnvdimm/MappingAlign.java"),
                deciders.get("MAPPING-ALIGN"), "the validator and the bus take MAPPING-ALIGN from MappingAlign");
        assertTrue(deciders.size() > Rules.all().size() * 9 / 10, "the scan resolved " + deciders.size() + " rules");
    }

    /** Rule holder simple name -> its public static Rule fields -> rule ID. */
    static Map<String, Map<String, String>> holders() {
        Map<String, Map<String, String>> holders = new HashMap<>();
        for (Class<?> holder : Rules.HOLDERS) {
            Map<String, String> fields = new HashMap<>();
            for (Field field : holder.getDeclaredFields()) {
                if (field.getType() == Rule.class && Modifier.isStatic(field.getModifiers())
                        && Modifier.isPublic(field.getModifiers())) {
                    try {
                        fields.put(field.getName(), ((Rule) field.get(null)).id());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            holders.put(holder.getSimpleName(), fields);
        }
        return holders;
    }

    /** The main sources of model/ and dsl/ (the rule holders left out), parsed by javac: file -> its tree. */
    static Map<String, CompilationUnitTree> mainSources() throws IOException {
        Set<String> holderFiles = new TreeSet<>();
        for (Class<?> holder : Rules.HOLDERS) {
            holderFiles.add(holder.getName().replace('.', '/') + ".java");
        }
        List<Path> files = new ArrayList<>();
        for (String module : List.of("model", "dsl")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> holderFiles.stream().noneMatch(h -> p.endsWith(h)))
                        .forEach(files::add);
            }
        }
        Map<String, CompilationUnitTree> units = new TreeMap<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            for (CompilationUnitTree unit : task.parse()) {
                units.put(ROOT.relativize(Path.of(unit.getSourceFile().toUri())).toString(), unit);
            }
        }
        return units;
    }

    /** Rule ID -> the main source files whose code names the rule's constant, comparisons left out. */
    static Map<String, Set<String>> deciders() throws IOException {
        Map<String, Map<String, String>> holders = holders();
        Map<String, Set<String>> deciders = new TreeMap<>();
        for (Map.Entry<String, CompilationUnitTree> source : mainSources().entrySet()) {
            String file = source.getKey();
            CompilationUnitTree unit = source.getValue();
            Map<String, String> imported = staticImports(unit, holders);
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMemberSelect(MemberSelectTree select, Void v) {
                    Tree owner = select.getExpression();
                    String ownerName = owner instanceof IdentifierTree id ? id.getName().toString()
                            : owner instanceof MemberSelectTree ms ? ms.getIdentifier().toString() : null;
                    Map<String, String> fields = ownerName == null ? null : holders.get(ownerName);
                    if (fields != null && fields.containsKey(select.getIdentifier().toString())) {
                        record(fields.get(select.getIdentifier().toString()), getCurrentPath());
                        return null;
                    }
                    return super.visitMemberSelect(select, v);
                }

                @Override
                public Void visitIdentifier(IdentifierTree ident, Void v) {
                    String id = imported.get(ident.getName().toString());
                    if (id != null) {
                        record(id, getCurrentPath());
                    }
                    return null;
                }

                @Override
                public Void visitImport(ImportTree tree, Void v) {
                    return null; // an import names a rule; it does not decide it
                }

                private void record(String ruleId, TreePath path) {
                    if (compares(path) || file.startsWith(FIXES)) {
                        return;
                    }
                    deciders.computeIfAbsent(ruleId, k -> new TreeSet<>()).add(
                            file.startsWith(VALIDATOR) ? VALIDATOR : file);
                }
            }.scan(unit, null);
        }
        return deciders;
    }

    /** Unqualified names a file imports statically from a rule holder (one constant, or all of them). */
    private static Map<String, String> staticImports(CompilationUnitTree unit,
            Map<String, Map<String, String>> holders) {
        Map<String, String> imported = new HashMap<>();
        for (ImportTree imp : unit.getImports()) {
            if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree ms
                    && ms.getExpression() instanceof MemberSelectTree owner) {
                Map<String, String> fields = holders.get(owner.getIdentifier().toString());
                String name = ms.getIdentifier().toString();
                if (fields != null && name.equals("*")) {
                    imported.putAll(fields);
                } else if (fields != null && fields.containsKey(name)) {
                    imported.put(name, fields.get(name));
                }
            }
        }
        return imported;
    }

    /**
     * Whether a reference only compares a rule someone else decided ({@code rule == X}, {@code X.id().equals(code)}):
     * a reader such as a quick fix keyed by rule, not a decider.
     */
    private static boolean compares(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null && !(p.getLeaf() instanceof StatementTree);
                p = p.getParentPath()) {
            Tree t = p.getLeaf();
            if (t.getKind() == Tree.Kind.EQUAL_TO || t.getKind() == Tree.Kind.NOT_EQUAL_TO) {
                return true;
            }
            if (t instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree m
                    && m.getIdentifier().contentEquals("equals")) {
                return true;
            }
            if (t instanceof LambdaExpressionTree || t instanceof MethodTree) {
                return false;
            }
        }
        return false;
    }
}
