package org.pmdl.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.pmdl.model.engine.RunOptions;

/**
 * The editor's PMDL settings, sent once as {@code initializationOptions} (the VS Code extension restarts the server
 * when they change): {@code kernelProfile} overrides every platform's kernel like the CLI's {@code --kernel},
 * {@code confineImports} refuses imports from outside the workspace folder (the CLI's {@code --confine-imports}), and
 * {@code explorationBound} bounds the crash states of a {@code pmdl.run}. Absent or malformed values keep the CLI's
 * defaults; an unknown profile reaches the run, which reports it as a KERNEL-UNKNOWN finding.
 */
final class ClientSettings {
    private ClientSettings() {
    }

    static RunOptions runOptions(Object initializationOptions) {
        if (!(initializationOptions instanceof JsonObject options)) {
            return RunOptions.DEFAULT;
        }
        String kernel = string(options.get("kernelProfile"));
        int bound = RunOptions.DEFAULT.explorationBound();
        JsonElement requested = options.get("explorationBound");
        if (requested != null && requested.isJsonPrimitive() && requested.getAsJsonPrimitive().isNumber()
                && requested.getAsInt() > 0) {
            bound = requested.getAsInt();
        }
        return new RunOptions(kernel == null || kernel.isBlank() ? null : kernel, bound);
    }

    /** {@code confineImports}: imports must stay inside the workspace folder (the CLI's --confine-imports). */
    static boolean confineImports(Object initializationOptions) {
        return initializationOptions instanceof JsonObject options && options.get("confineImports") != null
                && options.get("confineImports").isJsonPrimitive() && options.get("confineImports").getAsBoolean();
    }

    private static String string(JsonElement element) {
        return element != null && element.isJsonPrimitive() ? element.getAsString() : null;
    }
}
