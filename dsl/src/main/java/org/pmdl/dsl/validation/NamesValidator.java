package org.pmdl.dsl.validation;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;
import org.pmdl.dsl.lang.Imports;
import org.pmdl.dsl.lang.Names;
import org.pmdl.dsl.lang.PlatformHierarchy;
import org.pmdl.dsl.parser.InputLimits;
import org.pmdl.dsl.pmdl.Device;
import org.pmdl.dsl.pmdl.Import;
import org.pmdl.dsl.pmdl.Lpar;
import org.pmdl.dsl.pmdl.NamespaceDecl;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PlatformMember;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.dsl.pmdl.PmdlPackage.Literals;
import org.pmdl.dsl.pmdl.Scenario;
import org.pmdl.dsl.pmdl.TopLevel;
import org.pmdl.model.rules.Rules;

/**
 * Static checks of names and imports: distinct names per file, platform and scenario, imports that resolve and do
 * not bring one platform name twice, and input beyond {@link InputLimits}.
 */
public class NamesValidator extends ComposedValidator {

    @Check
    public void checkTopLevelNamesUnique(PmdlFile file) {
        Map<String, TopLevel> seen = new HashMap<>();
        for (TopLevel element : file.getElements()) {
            String name = Names.nameOf(element);
            TopLevel first = name == null ? null : seen.putIfAbsent(name, element);
            if (first != null) {
                report(Rules.NAME_DUPLICATE, Rules.NAME_DUPLICATE.message("'" + name + "'", "is already declared at "
                        + "line " + line(first), "platforms and scenarios of a file need distinct names"), element,
                        nameFeature(element));
            }
        }
    }

    /** The parser read what exceeds {@link InputLimits} as blanks; say where, so nothing is silently dropped. */
    @Check
    public void checkInputLimits(PmdlFile file) {
        var root = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(file);
        if (root == null) {
            return;
        }
        for (InputLimits.Excess excess : InputLimits.excesses(root.getRootNode().getText())) {
            getMessageAcceptor().acceptError(excess.message(), file, excess.offset(), excess.length(),
                    InputLimits.RULE);
        }
    }

    @Check
    public void checkImportResolves(Import imp) {
        String problem = imp.getImportURI() == null ? null : Imports.problem(imp);
        if (problem != null) {
            report(Rules.IMPORT_UNRESOLVED, problem, imp, Literals.IMPORT__IMPORT_URI);
        }
    }

    /** Scoping would take the first import's platform silently, so the import order would decide; say which two. */
    @Check
    public void checkImportedNamesUnique(PmdlFile file) {
        Map<String, Import> firstImporter = new HashMap<>();
        for (Import imp : file.getImports()) {
            Resource imported = Imports.load(imp);
            if (imported == null || imported == file.eResource() || imported.getContents().isEmpty()
                    || !(imported.getContents().get(0) instanceof PmdlFile importedFile)) {
                continue;
            }
            for (TopLevel element : importedFile.getElements()) {
                String name = element instanceof Platform ? Names.nameOf(element) : null;
                Import first = name == null ? null : firstImporter.putIfAbsent(name, imp);
                if (first != null && first != imp) {
                    report(Rules.NAME_DUPLICATE, Rules.NAME_DUPLICATE.message("platform '" + name + "'",
                            "is declared both in \"" + first.getImportURI() + "\" (imported at line " + line(first)
                            + ") and in \"" + imp.getImportURI() + "\"", "rename one or import only one"), imp,
                            Literals.IMPORT__IMPORT_URI);
                }
            }
        }
    }

    @Check
    public void checkPlatformMembersUnique(Platform platform) {
        Map<String, EObject> devices = new HashMap<>();
        Map<Class<?>, PlatformMember> attributes = new HashMap<>();
        for (PlatformMember member : platform.getMembers()) {
            if (member instanceof Device && !(member instanceof Lpar)) {
                String name = Names.nameOf(member);
                EObject first = name == null ? null : devices.putIfAbsent(name, member);
                if (first != null) {
                    report(Rules.NAME_DUPLICATE, Rules.NAME_DUPLICATE.message("'" + name + "'", "is already "
                            + "declared at line " + line(first) + " in platform " + platform.getName(),
                            "give each device its own name"), member, nameFeature(member));
                }
            } else {
                Class<?> kind = member.eClass().getInstanceClass();
                PlatformMember first = attributes.putIfAbsent(kind, member);
                if (first != null) {
                    report(Rules.ATTRIBUTE_DUPLICATE, Rules.ATTRIBUTE_DUPLICATE.message(keywordOf(member), line(first)),
                            member, null);
                }
            }
        }
    }

    @Check
    public void checkNamespacesUnique(Scenario scenario) {
        Platform platform = resolved(scenario.getPlatform());
        java.util.Set<String> deviceNames = platform == null ? java.util.Set.of() : PlatformHierarchy.devices(platform)
                .stream().map(Names::nameOf).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<String, NamespaceDecl> seen = new HashMap<>();
        for (NamespaceDecl ns : EcoreUtil2.getAllContentsOfType(scenario, NamespaceDecl.class)) {
            NamespaceDecl first = ns.getName() == null ? null : seen.putIfAbsent(ns.getName(), ns);
            if (first != null) {
                report(Rules.NAME_DUPLICATE, Rules.NAME_DUPLICATE.message("namespace '" + ns.getName() + "'",
                        "is already created at line " + line(first), "use another name for a second namespace"), ns,
                        Literals.NAMESPACE_DECL__NAME);
            } else if (deviceNames.contains(ns.getName())) {
                report(Rules.NAME_DUPLICATE, Rules.NAME_DUPLICATE.message("'" + ns.getName() + "'", "already names "
                        + "a device of platform " + platform.getName(), "name the namespace differently"), ns,
                        Literals.NAMESPACE_DECL__NAME);
            }
        }
    }

    private static EStructuralFeature nameFeature(EObject object) {
        return object.eClass().getEStructuralFeature("name");
    }

    private static String keywordOf(PlatformMember member) {
        String type = member.eClass().getName();
        return "`" + type.substring(0, type.length() - "Decl".length()).toLowerCase() + "`";
    }
}
