package org.pmdl.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.pmdl.dsl.analysis.RuleControl;
import org.pmdl.dsl.analysis.RuleLinks;
import org.pmdl.model.rules.Rule;
import org.pmdl.model.rules.Rules;
import org.pmdl.model.rules.Source;

/**
 * {@code pmdl rules [--layer L] [--subsystem S] [--format text|json]}, {@code pmdl explain RULE} and
 * {@code pmdl rules --docs DIR FILE|DIR...} (writes the pages of docs/rules/ from running the given examples).
 */
final class RulesCommand {
    private static final String USAGE = "usage: pmdl rules [--layer L] [--subsystem S] [--format text|json]\n"
            + "       pmdl explain RULE\n"
            + "       pmdl rules --docs DIR FILE|DIR...   write the rule pages, with examples found by running FILEs\n";

    private RulesCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            return args.get(0).equals("explain") ? explain(args.subList(1, args.size()), out, err)
                    : args.size() > 1 && args.get(1).equals("--docs") ? docs(args.subList(2, args.size()), out, err)
                    : list(args.subList(1, args.size()), out);
        } catch (IllegalArgumentException e) {
            err.println("pmdl: " + e.getMessage());
            err.print(USAGE);
            return Pmdl.USAGE;
        }
    }

    private static int list(List<String> args, PrintStream out) {
        String layer = null;
        String subsystem = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--layer" -> layer = known(value(args, ++i, arg), "layer", layers());
                case "--subsystem" -> subsystem = known(value(args, ++i, arg), "subsystem", Rules.subsystems());
                case "--format" -> json = switch (value(args, ++i, arg)) {
                    case "json" -> true;
                    case "text" -> false;
                    default -> throw new IllegalArgumentException("unknown format '" + args.get(i)
                            + "' (text or json)");
                };
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : Rules.all().values()) {
            if ((layer == null || rule.layer().equals(layer))
                    && (subsystem == null || Rules.subsystem(rule).equals(subsystem))) {
                rules.add(rule);
            }
        }
        if (json) {
            JsonArray array = new JsonArray();
            for (Rule rule : rules) {
                JsonObject entry = new JsonObject();
                entry.addProperty("id", rule.id());
                entry.addProperty("layer", rule.layer());
                entry.addProperty("subsystem", Rules.subsystem(rule));
                entry.addProperty("severity", rule.severity().label());
                entry.addProperty("source", rule.source());
                JsonArray sources = new JsonArray();
                for (Source cited : rule.sources()) {
                    JsonObject source = new JsonObject();
                    source.addProperty("file", cited.file());
                    source.addProperty("function", cited.function());
                    source.addProperty("releases", cited.releases());
                    sources.add(source);
                }
                entry.add("sources", sources);
                if (!rule.template().isEmpty()) {
                    entry.addProperty("message", rule.template());
                }
                entry.addProperty("summary", rule.summary());
                entry.addProperty("help", RuleLinks.href(rule.id()).orElseThrow());
                array.add(entry);
            }
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array));
            return Pmdl.OK;
        }
        int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(0);
        for (Rule rule : rules) {
            out.printf("%-" + width + "s  %-10s  %-7s  %s%n", rule.id(), rule.layer(), rule.severity().label(),
                    rule.summary());
        }
        out.println(rules.size() + " rule(s)");
        return Pmdl.OK;
    }

    private static int explain(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("explain needs exactly one RULE");
        }
        String id = args.get(0).toUpperCase(Locale.ROOT);
        Rule rule = Rules.byId(id).orElse(null);
        if (rule == null) {
            err.println("pmdl: unknown rule '" + args.get(0) + "'" + RuleControl.nearestHint(args.get(0))
                    + "; `pmdl rules` lists them");
            return Pmdl.USAGE;
        }
        String page = RuleLinks.page(Rules.subsystem(rule));
        String section = null;
        try (InputStream in = RulesCommand.class.getResourceAsStream("/docs/rules/" + page)) {
            section = in == null ? null : RulePages.sectionOf(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    rule.id());
        } catch (IOException e) {
            // reported below as a missing page
        }
        if (section == null) {
            // a rule newer than the bundled pages: its catalog facts, and say that the example is missing
            section = RulePages.section(rule, null).replace("no bundled example produces this rule",
                    "docs/rules/ has no page for this rule yet (`./pmdl rules --docs docs/rules examples/`)");
        }
        out.print(section);
        out.println("\nPage: " + RuleLinks.href(rule.id()).orElseThrow());
        return Pmdl.OK;
    }

    private static int docs(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("rules --docs needs the pages' folder and the examples to run");
        }
        Path folder = Path.of(args.get(0));
        PmdlFiles.Selection selection = PmdlFiles.collect(args.subList(1, args.size()));
        for (PmdlFiles.Problem problem : selection.problems()) {
            err.println("pmdl: cannot read " + problem.path() + ": " + problem.reason());
        }
        if (!selection.problems().isEmpty()) {
            return Pmdl.USAGE;
        }
        // docs/rules/ sits two folders below the repository's root: example paths are shown from there
        Path root = folder.toAbsolutePath().normalize().getParent().getParent();
        Map<String, String> pages = RulePages.render(selection.files(), root);
        try {
            List<String> changed = RulePages.write(pages, folder);
            out.println("pmdl: " + pages.size() + " page(s) in " + folder + ", " + changed.size() + " changed"
                    + (changed.isEmpty() ? "" : ": " + String.join(", ", changed)));
        } catch (IOException e) {
            err.println("pmdl: cannot write " + folder + ": " + e.getMessage());
            return Pmdl.USAGE;
        }
        return Pmdl.OK;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static TreeSet<String> layers() {
        TreeSet<String> layers = new TreeSet<>();
        Rules.all().values().forEach(r -> layers.add(r.layer()));
        return layers;
    }

    /** The known name that {@code value} spells, ignoring case ({@code --layer qemu} is QEMU's layer). */
    private static String known(String value, String what, java.util.Collection<String> known) {
        return known.stream().filter(k -> k.equalsIgnoreCase(value)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown " + what + " '" + value + "' (" + String.join(", ", known)
                        + ")"));
    }
}
