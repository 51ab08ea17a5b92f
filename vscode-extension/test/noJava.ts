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
    ['a Java older than 17 is named with its version', async () => {
      // old-jdk/bin/java answers `java -version` as OpenJDK 11 does
      const oldJdk = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'old-jdk').fsPath;
      await vscode.workspace.getConfiguration('pmdl').update('java.home', oldJdk,
        vscode.ConfigurationTarget.Workspace); // the extension restarts the server on this change
      const extension = vscode.extensions.getExtension<PmdlApi>('pmdl.pmdl')!;
      const problem = await waitFor('the new start problem', () => {
        const now = extension.exports.startProblem();
        return now?.includes('old-jdk') ? now : undefined;
      });
      check(problem.includes(`but ${oldJdk}/bin/java (from the setting pmdl.java.home (${oldJdk})) is Java 11.`),
        problem);
    }],
  ]);
}
