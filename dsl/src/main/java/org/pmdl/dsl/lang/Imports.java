package org.pmdl.dsl.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.pmdl.dsl.pmdl.Import;

/**
 * {@code import "file.pmdl"}: a path relative to the importing file (or absolute) naming a regular *.pmdl file
 * of at most {@link #MAX_BYTES}. Anything else (another scheme, another extension, a device, a FIFO, a file
 * outside the confining roots) is never loaded: {@link #problem} says why, and the validator reports it at the
 * import.
 */
public final class Imports {
    /** Largest file imported (the language server's heap holds a 20,000-line file, about 1 MiB, easily). */
    public static final long MAX_BYTES = 4L << 20;

    /**
     * Resource set load option: a {@code Collection<Path>} of directories imports must stay inside
     * ({@code --confine-imports}, the server's {@code pmdl.confineImports}); absent, any readable file may be imported.
     */
    public static final String CONFINE_TO = "org.pmdl.confineImportsTo";

    private Imports() {
    }

    public static URI resolvedUri(Import imp) {
        URI uri = URI.createURI(imp.getImportURI());
        URI base = imp.eResource().getURI();
        return uri.isRelative() && base != null && base.isHierarchical() ? uri.resolve(base) : uri;
    }

    /** Why the import cannot be loaded, in words for the user, or null when it can. */
    public static String problem(Import imp) {
        String written = imp.getImportURI();
        if (written == null || written.isBlank()) {
            return "an empty import; name a .pmdl file";
        }
        URI uri;
        try {
            uri = resolvedUri(imp);
        } catch (IllegalArgumentException e) {
            return "\"" + written + "\" is not a file path";
        }
        if (URI.createURI(written).scheme() != null || !uri.isFile()) {
            return "\"" + written + "\" is not a file path; an import names a .pmdl file by a path relative to this"
                    + " file (or an absolute one)";
        }
        if (!written.endsWith(".pmdl")) {
            return "\"" + written + "\" is not a PMDL file; only *.pmdl files can be imported";
        }
        ResourceSet set = imp.eResource().getResourceSet();
        Path path = Path.of(uri.toFileString());
        String outside = outsideRoots(set, path);
        if (outside != null) {
            return "\"" + written + "\" is outside " + outside + "; imports are confined to the checked files' roots";
        }
        if (set.getResource(uri, false) != null) {
            return null; // an editor's open document, or loaded already
        }
        return fileProblem(written, path);
    }

    private static String fileProblem(String written, Path path) {
        if (!Files.exists(path)) {
            return "cannot read imported file \"" + written + "\": no such file; the path is relative to this file";
        }
        try {
            Path real = path.toRealPath();
            String kind = FileKind.irregular(real);
            if (kind != null) {
                return "cannot import \"" + written + "\": it is " + kind + ", not a regular file";
            }
            if (!Files.isReadable(real)) {
                return "cannot read imported file \"" + written + "\": permission denied";
            }
            long size = Files.size(real);
            if (size > MAX_BYTES) {
                return "cannot import \"" + written + "\": " + size + " bytes, more than the " + (MAX_BYTES >> 20)
                        + " MiB an imported file may have";
            }
            return null;
        } catch (IOException e) {
            return "cannot read imported file \"" + written + "\": " + e.getMessage();
        }
    }

    /** The confining roots the path is outside of (in words), or null when inside one or not confined. */
    private static String outsideRoots(ResourceSet set, Path path) {
        if (!(set.getLoadOptions().get(CONFINE_TO) instanceof Collection<?> roots)) {
            return null;
        }
        Path real = realOrNormal(path);
        List<Path> realRoots = roots.stream().map(r -> realOrNormal((Path) r)).toList();
        if (realRoots.stream().anyMatch(real::startsWith)) {
            return null;
        }
        return realRoots.size() == 1 ? realRoots.get(0).toString() : realRoots.toString();
    }

    /** Symlinks resolved where the file exists, so a link cannot lead out of a root. */
    private static Path realOrNormal(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** True when the import can be loaded: see {@link #problem}. */
    public static boolean exists(Import imp) {
        return problem(imp) == null;
    }

    /** The imported file's resource, loaded on demand; null when it cannot be loaded ({@link #problem}). */
    public static Resource load(Import imp) {
        return exists(imp) ? imp.eResource().getResourceSet().getResource(resolvedUri(imp), true) : null;
    }
}
