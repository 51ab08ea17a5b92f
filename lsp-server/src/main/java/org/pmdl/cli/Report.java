package org.pmdl.cli;

import org.pmdl.dsl.analysis.FileAnalysis;

/** What the presenters format: each file as the user named it, with its analysis. */
final class Report {
    private Report() {
    }

    record FileReport(String path, FileAnalysis analysis) {
    }
}
