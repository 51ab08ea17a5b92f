import * as vscode from 'vscode';
import type { PmdlApi } from '../src/extension';
import { check, handToPage, runTests, waitFor } from './harness';

/**
 * The extension in a real VS Code (code-server) with the real Java language server from the built jar. The
 * workspace (test/fixtures/workspace) is LanguageServerIT's: a labelled QEMU NVDIMM, fsdax 1G align 2M =
 * 1054867456 bytes (observed on Linux 6.1.192 under QEMU, examples/x86/labelled-namespaces.pmdl), and an
 * `align 3M` that ndctl 76.1 refuses with EINVAL (ndctl/namespace.c parse_namespace_options).
 */
const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(folder(), name);

async function open(name: string, line = 0, character = 0): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(name)),
    { preview: false });
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}

function diagnostics(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => String(typeof d.code === 'object' ? d.code.value : d.code) === code);
}

/** The tab of a webview panel (tabs follow a panel's creation asynchronously). */
function webviewTab(viewType: string): Promise<vscode.Tab> {
  const tabs = () => vscode.window.tabGroups.all.flatMap(group => group.tabs);
  return waitFor(`a ${viewType} webview tab among ${JSON.stringify(tabs().map(t => t.label))}`, () => tabs()
    .find(tab => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType)), 30000);
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<PmdlApi>('pmdl.pmdl')!;
  await runTests('vscode', [
    ['opening a .pmdl file activates the extension and starts the Java server', async () => {
      const editor = await open('scenario.pmdl');
      check(editor.document.languageId === 'pmdl', `language ${editor.document.languageId}`);
      await waitFor('activation', () => extension.isActive || undefined);
      const api = extension.exports;
      check(api.startProblem() === undefined, `start problem: ${api.startProblem()}`);
      await waitFor('the server running', () => api.client()?.isRunning() || undefined);
    }],
    ['diagnostics from the Java server: the refused step and the unmet expect, with rule and kernel source', async () => {
      const uri = file('scenario.pmdl');
      const refused = await waitFor('STEP-REFUSED', () => diagnostics(uri, 'STEP-REFUSED')[0]);
      check(refused.range.start.line === 7, `STEP-REFUSED on line ${refused.range.start.line}`);
      check(refused.message.includes('EINVAL'), refused.message);
      check(refused.source?.includes('ndctl/namespace.c') ?? false, `source ${refused.source}`);
      const unmet = await waitFor('EXPECT-UNMET', () => diagnostics(uri, 'EXPECT-UNMET')[0]);
      check(unmet.range.start.line === 8 && unmet.message.includes('1054867456'), unmet.message);
    }],
    ['hover on the create step shows the predicted size and dataoff', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider',
        file('scenario.pmdl'), new vscode.Position(5, 22));
      const text = hovers.flatMap(h => h.contents).map(c => typeof c === 'string' ? c : c.value).join('\n');
      check(text.includes('→ ok, 1054867456 bytes'), text);
      check(text.includes('| dataoff | 18874368 (18M) |'), text);
    }],
    ['inlay hints predict the outcome of steps without expect', async () => {
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider',
        file('scenario.pmdl'), new vscode.Range(0, 0, 20, 0));
      const labels = hints.map(h => typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join(''));
      check(JSON.stringify(labels) === JSON.stringify(['→ ok', '→ ok, 1054867456 bytes', '→ EINVAL']),
        `labels ${JSON.stringify(labels)}`);
      check(hints[1].position.line === 5, `hint on line ${hints[1].position.line}`);
    }],
    ['a quick fix applied to the refused align removes the refusal', async () => {
      const editor = await open('fixable.pmdl');
      const uri = editor.document.uri;
      await waitFor('STEP-REFUSED in fixable.pmdl', () => diagnostics(uri, 'STEP-REFUSED')[0]);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
        uri, new vscode.Range(7, 0, 7, 80));
      const titles = actions.map(a => a.title);
      const align = actions.find(a => a.title === 'Use align 2M (supported: 4K, 2M, 1G)');
      check(align?.edit, `code actions ${JSON.stringify(titles)}`);
      check(await vscode.workspace.applyEdit(align.edit), 'the edit applied');
      check(editor.document.lineAt(7).text.endsWith('create namespace ns1 in region0 mode fsdax size 1G align 2M'),
        editor.document.lineAt(7).text);
      await waitFor('the refusal gone', () => diagnostics(uri, 'STEP-REFUSED').length === 0 || undefined);
    }],
    ['Run Scenario Under Cursor answers the server\'s run result and shows it in a panel', async () => {
      await open('scenario.pmdl', 5, 4);
      const results = await vscode.commands.executeCommand<Array<Record<string, unknown>>>('pmdl.runScenario');
      check(results?.length === 1, `results ${JSON.stringify(results)}`);
      const [result] = results;
      check(result.scenario === 'fsdax_1G' && result.status === 'fail' && result.steps === 5,
        JSON.stringify(result));
      const findings = result.findings as string[];
      check(findings.some(f => f.startsWith('STEP-REFUSED')) && findings.some(f => f.startsWith('EXPECT-UNMET')),
        JSON.stringify(findings));
      check((await webviewTab('pmdl.results')).label === 'PMDL Results', 'the results tab\'s title');
    }],
    ['the code lens ▶ Run runs its scenario and shows the result', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider',
        file('scenario.pmdl'));
      const run = lenses.find(lens => lens.command?.title === '▶ Run')?.command;
      check(run, `lenses ${JSON.stringify(lenses.map(lens => lens.command?.title))}`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const result = await vscode.commands.executeCommand<Record<string, unknown>>(run.command, ...run.arguments ?? []);
      check(result?.scenario === 'fsdax_1G' && result.status === 'fail', JSON.stringify(result));
      check((await webviewTab('pmdl.results')).label === 'PMDL Results', 'the results tab\'s title');
    }],
    ['Run All Scenarios runs every scenario of the file', async () => {
      await open('two-scenarios.pmdl');
      const results = await vscode.commands.executeCommand<Array<Record<string, unknown>>>('pmdl.runAllScenarios');
      check(JSON.stringify(results?.map(r => [r.scenario, r.status])) === '[["fits","pass"],["too_big","pass"]]',
        JSON.stringify(results));
    }],
    ['Show Address Map draws the platform\'s regions in a webview', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await open('platform.pmdl', 4, 8);
      const map = await vscode.commands.executeCommand<{ platform: string; svg?: string; error?: string }>(
        'pmdl.showAddressMap');
      const svg = map?.svg ?? '';
      check(map?.platform === 'qemu_x86' && svg.startsWith('<svg'), JSON.stringify(map)?.slice(0, 300));
      check(svg.includes('region0') && svg.includes('0x100000000'), svg.slice(0, 2000));
      check((await webviewTab('pmdl.addressMap')).label === 'Address Map: qemu_x86', 'the map tab\'s title');
      await handToPage('address-map');
    }],
    ['the platform and scenario snippets are offered in a .pmdl file', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'pmdl', content: '' });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
      const snippets = list.items.filter(item => item.kind === vscode.CompletionItemKind.Snippet)
        .map(item => typeof item.label === 'string' ? item.label : item.label.label);
      check(snippets.includes('platform') && snippets.includes('scenario'), JSON.stringify(snippets));
    }],
    ['Restart Language Server brings a new server up', async () => {
      const before = extension.exports.client();
      await vscode.commands.executeCommand('pmdl.restartServer');
      const after = await waitFor('a new running client', () => {
        const now = extension.exports.client();
        return now && now !== before && now.isRunning() ? now : undefined;
      });
      check(after.isRunning(), 'running');
    }],
    ['the kernel profile setting reaches the server (hover names the profile that decided)', async () => {
      const hoverText = async () => (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', file('scenario.pmdl'), new vscode.Position(5, 22)))
        .flatMap(h => h.contents).map(c => typeof c === 'string' ? c : c.value).join('\n');
      // after the restart before, the hover has run results once the new server's live run is done
      await waitFor('a hover decided by kernel 6.1, the platform\'s own', async () =>
        (await hoverText()).includes('kernel 6.1') || undefined);
      const pmdl = vscode.workspace.getConfiguration('pmdl');
      await pmdl.update('kernelProfile', '5.10', vscode.ConfigurationTarget.Workspace); // restarts the server
      try {
        await waitFor('a hover decided by kernel 5.10', async () => {
          const client = extension.exports.client();
          return client?.isRunning() && (await hoverText()).includes('kernel 5.10') || undefined;
        });
      } finally {
        await pmdl.update('kernelProfile', undefined, vscode.ConfigurationTarget.Workspace);
      }
    }],
    ['the page shows the diagnostic (squiggle, Problems panel, screenshot)', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await open('scenario.pmdl', 7, 0);
      await waitFor('diagnostics after the restart', () => diagnostics(file('scenario.pmdl'), 'STEP-REFUSED')[0]);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await handToPage('diagnostic');
    }],
  ]);
}
