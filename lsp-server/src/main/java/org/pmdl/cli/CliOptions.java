package org.pmdl.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.analysis.RuleSettings;
import org.pmdl.model.rules.Rules;

/**
 * The parsed command line: {@code pmdl check|run [--format text|json|sarif] [--kernel V] [--scenario NAME]
 * [--baseline FILE [--update-baseline | --strict-new]] [--fix] [-v] [--fail-on refused] [--force]
 * [--confine-imports] [--disable RULE,...] [--error RULE,...] PATH...}.
 *
 * @param verbose        text output lists every step, not only those of failed scenarios
 * @param failOnRefused  a step refused without `expect error` fails the run (a warning otherwise)
 * @param force          --fix, --update-baseline, fmt and map -o may replace read-only files
 * @param confineImports imports from outside the given directories are refused
 * @param rules          rules turned off ({@code --disable}) and up to errors ({@code --error})
 */
record CliOptions(String command, Format format, String kernel, String scenario, List<String> paths,
        String baseline, boolean updateBaseline, boolean strictNew, boolean fix, boolean verbose,
        boolean failOnRefused, boolean force, boolean confineImports, RuleSettings rules) {

    enum Format {
        TEXT, JSON, SARIF
    }

    /** Thrown for a command line that cannot be understood; the CLI prints the message and exits 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CliOptions parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = args.get(0);
        Format format = Format.TEXT;
        String kernel = null;
        String scenario = null;
        String baseline = null;
        boolean updateBaseline = false;
        boolean strictNew = false;
        boolean fix = false;
        boolean verbose = false;
        boolean failOnRefused = false;
        boolean force = false;
        boolean confineImports = false;
        Set<String> disabled = new LinkedHashSet<>();
        Set<String> errors = new LinkedHashSet<>();
        List<String> paths = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--format" -> format = format(value(args, ++i, arg));
                case "--kernel" -> kernel = value(args, ++i, arg);
                case "--scenario" -> scenario = value(args, ++i, arg);
                case "--baseline" -> baseline = value(args, ++i, arg);
                case "--update-baseline" -> updateBaseline = true;
                case "--strict-new" -> strictNew = true;
                case "--fix" -> fix = true;
                case "-v", "--verbose" -> verbose = true;
                case "--fail-on" -> failOnRefused = failOn(value(args, ++i, arg));
                case "--force" -> force = true;
                case "--confine-imports" -> confineImports = true;
                case "--disable" -> ruleIds(value(args, ++i, arg), arg, disabled);
                case "--error" -> ruleIds(value(args, ++i, arg), arg, errors);
                default -> {
                    if (arg.startsWith("--format=")) {
                        format = format(arg.substring("--format=".length()));
                    } else if (arg.startsWith("--kernel=")) {
                        kernel = arg.substring("--kernel=".length());
                    } else if (arg.startsWith("--scenario=")) {
                        scenario = arg.substring("--scenario=".length());
                    } else if (arg.startsWith("--fail-on=")) {
                        failOnRefused = failOn(arg.substring("--fail-on=".length()));
                    } else if (arg.startsWith("--disable=")) {
                        ruleIds(arg.substring("--disable=".length()), "--disable", disabled);
                    } else if (arg.startsWith("--error=")) {
                        ruleIds(arg.substring("--error=".length()), "--error", errors);
                    } else if (arg.startsWith("--baseline=")) {
                        baseline = arg.substring("--baseline=".length());
                    } else if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + arg);
                    } else {
                        paths.add(arg);
                    }
                }
            }
        }
        if (paths.isEmpty()) {
            throw new UsageException(command + " needs at least one FILE or DIR");
        }
        if ((updateBaseline || strictNew) && baseline == null) {
            throw new UsageException((updateBaseline ? "--update-baseline" : "--strict-new")
                    + " needs --baseline FILE");
        }
        return new CliOptions(command, format, kernel, scenario, List.copyOf(paths), baseline, updateBaseline,
                strictNew, fix, verbose, failOnRefused, force, confineImports, new RuleSettings(disabled, errors));
    }

    /** {@code --disable A,B} or repeated options: each ID must be in the catalog (a typo silences nothing). */
    private static void ruleIds(String list, String option, Set<String> into) throws UsageException {
        for (String id : list.split(",")) {
            String trimmed = id.strip();
            if (Rules.byId(trimmed).isEmpty()) {
                throw new UsageException(option + ": unknown rule '" + trimmed + "'" + RuleControl.nearestHint(trimmed)
                        + "; `pmdl rules` lists them");
            }
            into.add(trimmed);
        }
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    /** What else fails a run besides errors and unmet expectations; only refused steps, so far. */
    private static boolean failOn(String what) throws UsageException {
        if (!what.equals("refused")) {
            throw new UsageException("unknown --fail-on '" + what + "' (refused: a step refused without "
                    + "`expect error`)");
        }
        return true;
    }

    /**
     * The whole number after a bench option, within [min, max]: {@code --dimms -5} or {@code --rounds} at the end
     * of the line is a usage error that says so, not an exception's text or a run that makes no sense.
     */
    static int count(List<String> args, int index, String option, int min, int max) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        String text = args.get(index);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException(option + " needs a whole number from " + min + " to " + max + ", not '"
                + text + "'");
    }

    private static Format format(String name) throws UsageException {
        return switch (name) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            case "sarif" -> Format.SARIF;
            default -> throw new UsageException("unknown format '" + name + "' (text, json or sarif)");
        };
    }
}
