package org.pmdl.model.rules;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One citation of a rule: the file and function(s) whose code the rule follows, as written in the catalog
 * ({@code drivers/nvdimm/region_devs.c align_store (5.7+)}), read back as file, function and releases.
 *
 * @param text the citation as the catalog writes it
 */
public record Source(String text) {
    /** A release range in a citation: "(5.14+)", "(since v5.7)", "before 5.7", "(5.3, commit ...)". */
    private static final Pattern RELEASES = Pattern.compile(
            "\\((\\d+\\.\\d+\\+?)[,)]|since v?(\\d+\\.\\d+)|(before \\d+\\.\\d+)");

    public Source {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a source names a file, a function or a document");
        }
    }

    /** The citations of a catalog entry, separated by "; ". */
    public static List<Source> list(String sources) {
        return Arrays.stream(sources.split("; ")).map(Source::new).toList();
    }

    /** The cited file, if the citation starts with one (a path or a *.c / *.h / *.rst name), else "". */
    public String file() {
        String first = text.split(" ", 2)[0];
        return first.contains("/") || first.matches(".+\\.(c|h|rst|txt)") ? first : "";
    }

    /** What follows the file: the function(s) and notes. */
    public String function() {
        String file = file();
        return file.isEmpty() ? text : text.substring(file.length()).strip();
    }

    /** The releases the citation holds for ("5.14+", "before 5.7"), or "" when it holds for every modelled one. */
    public String releases() {
        Matcher m = RELEASES.matcher(text);
        if (!m.find()) {
            return "";
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) + "+" : m.group(3);
    }

    @Override
    public String toString() {
        return text;
    }
}
