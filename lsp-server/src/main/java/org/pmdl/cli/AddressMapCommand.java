package org.pmdl.cli;

import com.google.inject.Injector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.pmdl.dsl.PmdlStandaloneSetup;
import org.pmdl.dsl.analysis.FileAnalysis;
import org.pmdl.dsl.analysis.PmdlAnalyzer;
import org.pmdl.dsl.compiler.PmdlCompiler;
import org.pmdl.dsl.map.AddressMapSvg;
import org.pmdl.dsl.pmdl.PmdlFile;
import org.pmdl.model.engine.RunOptions;
import org.pmdl.model.engine.ScenarioResult;
import org.pmdl.model.topology.PlatformSpec;

/**
 * {@code pmdl map FILE --platform NAME [--scenario NAME] [--after-step LINE] [-o MAP.svg]}: the platform's address
 * map ({@link AddressMapSvg}) as declared, or as a scenario left it after the step on or before LINE (the
 * scenario's last step without LINE). Writes the SVG to the -o file ({@link AtomicFiles}: never over the input)
 * or to stdout (no -o, or {@code -o -}).
 */
final class AddressMapCommand {
    private static final String USAGE =
            "usage: pmdl map FILE --platform NAME [--scenario NAME] [--after-step LINE] [-o MAP.svg|-] [--force]";

    private AddressMapCommand() {
    }

    private record Options(Path file, String platform, String scenario, Integer afterLine, Path output,
            boolean force) {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (CliOptions.UsageException e) {
            err.println("pmdl: " + e.getMessage() + "\n" + USAGE);
            return Pmdl.USAGE;
        }
        if (!Files.isRegularFile(options.file()) || !Files.isReadable(options.file())) {
            err.println("pmdl: cannot read " + options.file() + ": no such readable file");
            return Pmdl.USAGE;
        }
        Injector injector = new PmdlStandaloneSetup().createInjectorAndDoEMFRegistration();
        XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
        resourceSet.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
        Resource resource = resourceSet.getResource(
                URI.createFileURI(options.file().toAbsolutePath().normalize().toString()), true);
        boolean run = options.scenario() != null || options.afterLine() != null;
        FileAnalysis analysis = injector.getInstance(PmdlAnalyzer.class).analyze(resource, run, RunOptions.DEFAULT,
                options.scenario(), CancelIndicator.NullImpl);
        if (analysis.hasErrors()) {
            TextReport.write(List.of(new Report.FileReport(options.file().toString(), analysis)), false, false,
                    false, err);
            err.println("pmdl: fix the errors before drawing the map");
            return Pmdl.FINDINGS;
        }
        PlatformSpec platform = new PmdlCompiler().compile((PmdlFile) resource.getContents().get(0)).platforms()
                .get(options.platform());
        if (platform == null) {
            err.println("pmdl: no platform named '" + options.platform() + "' in " + options.file());
            return Pmdl.USAGE;
        }
        Map<String, Map<String, Object>> state = Map.of();
        String caption = "as declared";
        if (run) {
            ScenarioResult scenario = analysis.scenarios().stream()
                    .filter(s -> s.platform().equals(platform.name()))
                    .filter(s -> options.afterLine() == null || !s.steps().isEmpty()
                            && s.steps().get(0).step().source().line() <= options.afterLine())
                    .reduce((a, b) -> b) // the last scenario starting before the line holds it
                    .orElse(null);
            if (scenario == null || scenario.steps().isEmpty()) {
                err.println("pmdl: no scenario on platform '" + platform.name() + "' has a step "
                        + (options.afterLine() == null ? "" : "on or before line " + options.afterLine()));
                return Pmdl.USAGE;
            }
            int index = scenario.steps().size() - 1;
            while (options.afterLine() != null && scenario.steps().get(index).step().source().line()
                    > options.afterLine()) {
                index--;
            }
            state = scenario.stateAfter(index);
            var step = scenario.steps().get(index).step();
            caption = "after line " + step.source().line() + " (" + step.action().op() + ") of scenario "
                    + scenario.name();
        }
        String svg = AddressMapSvg.render(platform, state, caption);
        if (options.output() == null || options.output().toString().equals("-")) {
            out.print(svg);
            return Pmdl.OK;
        }
        try {
            AtomicFiles.write(options.output(), svg, new AtomicFiles.Guard(Pmdl.inputs(resourceSet), options.force()));
        } catch (IOException e) {
            err.println("pmdl: cannot write " + options.output() + ": " + e.getMessage());
            return Pmdl.USAGE;
        }
        err.println("pmdl: wrote " + options.output() + " (" + caption + ")");
        return Pmdl.OK;
    }

    private static Options parse(List<String> args) throws CliOptions.UsageException {
        Path file = null;
        String platform = null;
        String scenario = null;
        Integer afterLine = null;
        Path output = null;
        boolean force = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--platform" -> platform = value(args, ++i, arg);
                case "--scenario" -> scenario = value(args, ++i, arg);
                case "--after-step" -> afterLine = line(value(args, ++i, arg));
                case "-o", "--output" -> output = Path.of(value(args, ++i, arg));
                case "--force" -> force = true;
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        throw new CliOptions.UsageException("unexpected argument " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null || platform == null) {
            throw new CliOptions.UsageException("map needs a FILE and --platform NAME");
        }
        return new Options(file, platform, scenario, afterLine, output, force);
    }

    private static String value(List<String> args, int index, String option) throws CliOptions.UsageException {
        if (index >= args.size()) {
            throw new CliOptions.UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int line(String text) throws CliOptions.UsageException {
        try {
            int line = Integer.parseInt(text);
            if (line >= 1) {
                return line;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliOptions.UsageException("--after-step needs a line number (1 or more), not '" + text + "'");
    }
}
