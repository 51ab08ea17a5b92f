package org.pmdl.lsp;

import java.util.List;
import java.util.Map;
import org.eclipse.xtext.resource.XtextResource;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.map.AddressMapSvg;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.topology.PlatformSpec;

/**
 * {@code pmdl.addressMap [uri, platform]}: the platform's address map as {@code pmdl map} draws it (regions,
 * namespaces, align padding, LMBs, SCM DRCs), as declared, for the editor to show. Answers {@code {platform, svg}}
 * or {@code {error}}; the platform may be the document's own or one it imports.
 */
final class AddressMapRequest {
    static final String ID = "pmdl.addressMap";

    private AddressMapRequest() {
    }

    static Map<String, Object> draw(XtextResource resource, List<Object> arguments) {
        String name = RunCommand.text(arguments.get(1));
        if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof PmdlFile file)) {
            return Map.of("error", "not a PMDL document");
        }
        if (!resource.getErrors().isEmpty()) {
            return Map.of("error", "fix the syntax errors before drawing the map");
        }
        PlatformSpec platform;
        try {
            platform = new PmdlCompiler().compile(file).platforms().get(name);
        } catch (RuntimeException e) { // the compiler expects a validated file: name what stopped it
            return Map.of("error", "fix the errors before drawing the map (" + e.getMessage() + ")");
        }
        if (platform == null) {
            return Map.of("error", "no platform named '" + name + "' in this file or its imports");
        }
        return Map.of("platform", platform.name(), "svg", AddressMapSvg.render(platform, Map.of(), "as declared"));
    }
}
