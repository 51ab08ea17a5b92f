import * as vscode from 'vscode';
import type { PmdlApi } from '../src/extension';
import { check, handToPage, runTests, waitFor } from './harness';

/** The workspace (test/fixtures/no-java) sets pmdl.java.home to a folder with no Java in it. */
export async function run(): Promise<void> {
  await runTests('vscode-no-java', [
    ['a .pmdl file with no Java 17+ gives the clear notification instead of a server', async () => {
      const folder = vscode.workspace.workspaceFolders![0].uri;
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'platform.pmdl'));
      const extension = vscode.extensions.getExtension<PmdlApi>('pmdl.pmdl')!;
      await waitFor('activation', () => extension.isActive || undefined);
      const problem = extension.exports.startProblem() ?? '';
      check(problem.startsWith('PMDL needs Java 17 or newer to run its language server, but the setting '
        + 'pmdl.java.home (/nonexistent/jdk-17) has no bin/java.'), problem);
      check(extension.exports.client() === undefined, 'no client without Java');
      await handToPage('no-java');
    }],
  ]);
}
