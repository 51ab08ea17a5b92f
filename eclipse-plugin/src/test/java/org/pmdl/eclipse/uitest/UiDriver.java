package org.pmdl.eclipse.uitest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextHoverExtension2;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.SourceViewerConfiguration;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.AbstractTextEditor;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutline;

/**
 * Inside the Eclipse IDE that EclipseIT launches: opens the fixture scenario the way a user would (the workbench
 * picks the editor from the content type), waits for the language server's markers, asks the editor for a hover,
 * opens the completion popup and reads it, reads the colours and the Outline view, takes screenshots, and writes
 * what it saw to observations.properties for EclipseIT to judge. Then it closes the workbench.
 */
public class UiDriver implements IStartup {

    private static final long MARKER_WAIT_MS = 120_000;

    private final Properties seen = new Properties();
    private Path out;

    @Override
    public void earlyStartup() {
        String outDir = System.getProperty("pmdl.uitest.out");
        if (outDir == null) {
            return; // installed in an IDE that is not the test's
        }
        out = Path.of(outDir);
        try {
            drive(Path.of(System.getProperty("pmdl.uitest.fixtures")));
        } catch (Throwable e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.setProperty("error", trace.toString());
        } finally {
            try (OutputStream file = Files.newOutputStream(out.resolve("observations.properties"))) {
                seen.store(file, "what the PMDL plug-in showed in Eclipse");
            } catch (IOException e) {
                e.printStackTrace();
            }
            Display.getDefault().asyncExec(() -> PlatformUI.getWorkbench().close());
            try {
                Thread.sleep(15_000);
                if (PlatformUI.isWorkbenchRunning()) {
                    screenshot("eclipse-not-closed.png"); // what kept the workbench open
                }
            } catch (InterruptedException | RuntimeException e) {
                // closed, as it should
            }
        }
    }

    private void drive(Path fixtures) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("fixtures");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        for (String name : List.of("platform.pmdl", "scenario.pmdl")) {
            IFile file = project.getFile(name);
            if (!file.exists()) {
                file.create(new ByteArrayInputStream(Files.readAllBytes(fixtures.resolve(name))), true, null);
            }
        }
        IFile scenario = project.getFile("scenario.pmdl");

        IEditorPart editor = ui(() -> {
            try {
                IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
                page.showView(IPageLayout.ID_PROBLEM_VIEW);
                page.showView(IPageLayout.ID_OUTLINE);
                return IDE.openEditor(page, scenario);
            } catch (CoreException e) {
                throw new IllegalStateException(e);
            }
        });
        seen.setProperty("editor.id", ui(() -> editor.getSite().getId()));
        ISourceViewer viewer = ui(() -> (ISourceViewer) editorMethod(editor, "getSourceViewer"));
        IDocument document = ui(viewer::getDocument);

        // diagnostics: the static ones come first, the scenario run's follow; wait for both kinds
        long deadline = System.currentTimeMillis() + MARKER_WAIT_MS;
        List<String> markers = List.of();
        while (System.currentTimeMillis() < deadline) {
            markers = markers(scenario);
            if (markers.stream().anyMatch(m -> m.contains("|STEP-REFUSED|"))
                    && markers.stream().anyMatch(m -> m.contains("|EXPECT-UNMET|"))) {
                break;
            }
            Thread.sleep(250);
        }
        seen.setProperty("markers.count", String.valueOf(markers.size()));
        for (int i = 0; i < markers.size(); i++) {
            seen.setProperty("marker." + i, markers.get(i));
        }
        Thread.sleep(1000); // the editor's annotation model and the Problems view follow the markers
        screenshot("eclipse-diagnostics.png");

        // hover on the create step (line 6, column 23: inside "namespace"), through the editor's configuration
        ITextHover hover = ui(() -> ((SourceViewerConfiguration) editorMethod(editor, "getSourceViewerConfiguration"))
                .getTextHover(viewer, IDocument.DEFAULT_CONTENT_TYPE));
        int hoverOffset = document.getLineOffset(5) + 22;
        // as the editor's hover manager asks: the region, then getHoverInfo2 (the Generic Editor's composite hover)
        IRegion region = hover.getHoverRegion(viewer, hoverOffset);
        Object hoverInfo = ((ITextHoverExtension2) hover).getHoverInfo2(viewer, region);
        seen.setProperty("hover", String.valueOf(hoverInfo));

        // completion as a user gets it: type a new step up to "align " (sent as an incremental didChange), press
        // Ctrl+Space, read the popup's rows once computed; then put the file back as it was
        String typed = "    create namespace ns2 in region0 mode fsdax size 1G align ";
        int lineEnd = document.getLineOffset(8) + document.getLineLength(8);
        ui(() -> {
            try {
                document.replace(lineEnd, 0, typed + "\n");
            } catch (org.eclipse.jface.text.BadLocationException e) {
                throw new IllegalStateException(e);
            }
            editor.getSite().getPage().activate(editor);
            viewer.setSelectedRange(lineEnd + typed.length(), 0);
            ((ITextOperationTarget) viewer).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
            return null;
        });
        List<String> proposals = List.of();
        deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            proposals = ui(UiDriver::popupProposals);
            if (!proposals.isEmpty() && proposals.stream().noneMatch(row -> row.startsWith("Computing proposals"))) {
                break;
            }
        }
        seen.setProperty("completion", String.join("\n", proposals));
        screenshot("eclipse-completion.png");
        ui(() -> {
            ((ITextEditor) editor).doRevertToSaved(); // the edit goes, and the popup with it
            return null;
        });

        // colouring from the semantic tokens: "scenario" (a keyword) and "fsdax" (an enum word) on lines 4 and 6
        deadline = System.currentTimeMillis() + 20_000;
        while (ui(() -> style(viewer, document, 3, "scenario")).equals("none")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(250); // the revert reset the colours; the tokens of the reverted text follow
        }
        seen.setProperty("style.keyword", ui(() -> style(viewer, document, 3, "scenario")));
        seen.setProperty("style.enum", ui(() -> style(viewer, document, 5, "fsdax")));

        // the Outline view's tree
        List<String> outline = List.of();
        deadline = System.currentTimeMillis() + 20_000;
        while (outline.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            outline = ui(UiDriver::outlineItems);
        }
        seen.setProperty("outline", String.join("\n", outline));
        screenshot("eclipse-outline.png");
    }

    private static List<String> markers(IFile file) throws CoreException {
        List<String> lines = new ArrayList<>();
        for (IMarker marker : file.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_ZERO)) {
            lines.add(marker.getType() + "|" + marker.getAttribute(IMarker.LINE_NUMBER, -1) + "|"
                    + marker.getAttribute("rule", "") + "|" + marker.getAttribute(IMarker.SEVERITY, -1) + "|"
                    + marker.getAttribute("kernelSource", "") + "|" + marker.getAttribute(IMarker.MESSAGE, ""));
        }
        return lines;
    }

    /** The editor's viewer and its configuration (whose hover the editor shows): protected in AbstractTextEditor. */
    private static Object editorMethod(IEditorPart editor, String name) {
        try {
            Method method = AbstractTextEditor.class.getDeclaredMethod(name);
            method.setAccessible(true);
            return method.invoke(editor);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of the completion popup (a child shell of the workbench holding a table), or none. */
    private static List<String> popupProposals() {
        for (Shell shell : Display.getCurrent().getShells()) {
            for (Shell popup : shell.getShells()) {
                Table table = popup.isVisible() ? findTable(popup) : null;
                if (table != null && table.getItemCount() > 0) {
                    return Arrays.stream(table.getItems()).map(item -> item.getText()).toList();
                }
            }
        }
        return List.of();
    }

    private static Table findTable(Control control) {
        if (control.isDisposed()) {
            return null;
        }
        if (control instanceof Table table) {
            return table;
        }
        if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                Table found = findTable(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String style(ITextViewer viewer, IDocument document, int line, String word) {
        try {
            String text = document.get(document.getLineOffset(line), document.getLineLength(line));
            StyledText widget = viewer.getTextWidget();
            StyleRange range = widget.getStyleRangeAtOffset(document.getLineOffset(line) + text.indexOf(word));
            if (range == null || range.foreground == null) {
                return "none";
            }
            return range.foreground.getRed() + "," + range.foreground.getGreen() + "," + range.foreground.getBlue()
                    + ((range.fontStyle & SWT.BOLD) != 0 ? ",bold" : "");
        } catch (org.eclipse.jface.text.BadLocationException e) {
            return "bad location: " + e.getMessage();
        }
    }

    private static List<String> outlineItems() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        if (!(page.findView(IPageLayout.ID_OUTLINE) instanceof ContentOutline view)
                || !(view.getCurrentPage().getControl() instanceof Tree tree)) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        collect(tree.getItems(), "", items);
        return items;
    }

    private static void collect(TreeItem[] items, String indent, List<String> into) {
        for (TreeItem item : items) {
            into.add(indent + item.getText());
            collect(item.getItems(), indent + "  ", into);
        }
    }

    private void screenshot(String name) {
        ui(() -> {
            Display display = Display.getCurrent();
            Image image = new Image(display, display.getBounds());
            GC gc = new GC(display);
            gc.copyArea(image, 0, 0);
            gc.dispose();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(out.resolve(name).toString(), SWT.IMAGE_PNG);
            image.dispose();
            return null;
        });
    }

    private static <T> T ui(Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Display.getDefault().syncExec(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
