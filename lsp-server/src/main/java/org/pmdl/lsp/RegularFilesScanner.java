package org.pmdl.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IFileSystemScanner;
import org.pmdl.dsl.parser.InputLimits;

/**
 * The workspace's files as Xtext's scanner finds them, less those the server must not read: a *.pmdl that is a
 * FIFO (reading it blocks the build forever), a device or a link to one ({@code /dev/zero} never ends), or a file
 * too large to parse within the heap. Each one skipped is named once on stderr.
 */
public class RegularFilesScanner extends IFileSystemScanner.JavaIoFileSystemScanner {
    @Override
    public void scan(URI root, IAcceptor<URI> acceptor) {
        super.scan(root, uri -> {
            if (!uri.isFile() || Files.isDirectory(Path.of(uri.toFileString()))
                    || readable(Path.of(uri.toFileString()))) {
                acceptor.accept(uri);
            }
        });
    }

    private static boolean readable(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                System.err.println("pmdl lsp: not reading " + file + ": not a regular file");
                return false;
            }
            if (Files.size(file) > 4 * InputLimits.MAX_CHARS) {
                System.err.println("pmdl lsp: not reading " + file + ": " + Files.size(file) + " bytes, more than"
                        + " this server's heap parses (open it to see the limit)");
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("pmdl lsp: not reading " + file + ": " + e.getMessage());
            return false;
        }
    }
}
