package org.pmdl.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pmdl.model.kernel.KernelProfile;

/** The VS Code extension's settings offer what this server accepts (vscode-extension/package.json). */
class ExtensionSettingsTest {
    @Test
    void kernelProfileChoicesAreTheModelsProfiles() throws Exception {
        var manifest = JsonParser.parseString(Files.readString(Path.of("../vscode-extension/package.json")))
                .getAsJsonObject();
        var setting = manifest.getAsJsonObject("contributes").getAsJsonObject("configuration")
                .getAsJsonObject("properties").getAsJsonObject("pmdl.kernelProfile");
        List<String> offered = new ArrayList<>();
        setting.getAsJsonArray("enum").forEach(e -> offered.add(e.getAsString()));
        List<String> known = new ArrayList<>(KernelProfile.known().stream().map(KernelProfile::name).toList());
        Collections.reverse(known); // newest first, as the settings UI lists them
        known.add(0, ""); // each platform's own kernel
        assertEquals(known, offered);
        assertEquals(offered.size(), setting.getAsJsonArray("enumDescriptions").size());
    }
}
