package org.pmdl.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.pmdl.dsl.analysis.RuleConfig;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.analysis.RuleSettings;
import org.pmdl.model.rules.Rules;

/**
 * The rule control of each checked file: the command line's {@code --disable}/{@code --error}, the nearest
 * .pmdl.json (its problems printed once, located in it) and the file's {@code // pmdl: disable} comments.
 */
final class FileRules {
    private final RuleSettings commandLine;
    private final PrintStream err;
    private final Map<Path, Optional<RuleConfig>> configs = new HashMap<>();
    private boolean configInvalid;

    FileRules(RuleSettings commandLine, PrintStream err) {
        this.commandLine = commandLine;
        this.err = err;
    }

    RuleControl of(Path file, Resource resource) {
        return of(file, resource instanceof XtextResource xtext && xtext.getParseResult() != null
                ? xtext.getParseResult().getRootNode().getText() : "");
    }

    /** The rule control of {@code file} whose text is {@code text} (what {@code --fix} reads before it parses). */
    RuleControl of(Path file, String text) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        Optional<RuleConfig> config = configs.computeIfAbsent(folder, this::load);
        RuleSettings settings = config.map(c -> commandLine.plus(c.settings())).orElse(commandLine);
        return RuleControl.of(text, settings);
    }

    /** A configuration had a CONFIG-INVALID mistake: the run is a usage error (exit 2), as a bad option is. */
    boolean configInvalid() {
        return configInvalid;
    }

    private Optional<RuleConfig> load(Path folder) {
        Optional<RuleConfig> config = RuleConfig.near(folder);
        // one configuration serves many folders: report its problems the first time it is read
        if (config.isPresent() && configs.values().stream().noneMatch(c -> c.equals(config))) {
            for (RuleConfig.Problem problem : config.get().problems()) {
                err.println(config.get().located(problem));
                configInvalid |= problem.rule().equals(Rules.CONFIG_INVALID);
            }
        }
        return config;
    }
}
