import * as vscode from 'vscode';

/** What the server's `pmdl.run` answers for one scenario (lsp-server RunCommand). */
export interface RunResult {
  scenario?: string;
  status?: string;
  steps?: number;
  summary?: string;
  findings?: string[];
  error?: string;
}

const panels = new Map<string, vscode.WebviewPanel>();

/** One panel per view type, reused (and brought to the front) by the next command. */
function panel(viewType: string, title: string): vscode.WebviewPanel {
  let existing = panels.get(viewType);
  if (!existing) {
    existing = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Beside,
      { enableScripts: false });
    existing.onDidDispose(() => panels.delete(viewType));
    panels.set(viewType, existing);
  }
  existing.title = title;
  existing.reveal(vscode.ViewColumn.Beside, true);
  return existing;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; } td, th { padding: 2px 10px; text-align: left; vertical-align: top; }
.pass { color: var(--vscode-testing-iconPassed, green); } .fail, .error { color: var(--vscode-testing-iconFailed, red); }
svg { background: white; } /* drawn at its own scale: the labels stay readable, the panel scrolls */
</style><title>${escape(title)}</title></head><body>${body}</body></html>`;
}

export function showResults(file: string, results: RunResult[]): void {
  const rows = results.map(r => r.error
    ? `<tr><td>${escape(r.scenario ?? '')}</td><td class="error">error</td><td>${escape(r.error)}</td><td></td></tr>`
    : `<tr><td>${escape(r.scenario ?? '')}</td><td class="${escape(r.status ?? '')}">${escape(r.status ?? '')}</td>`
      + `<td>${escape(r.summary ?? '')}</td><td>${(r.findings ?? []).map(escape).join('<br>')}</td></tr>`).join('\n');
  panel('pmdl.results', 'PMDL Results').webview.html = page('PMDL Results',
    `<h3>${escape(file)}</h3><table><tr><th>scenario</th><th>status</th><th>summary</th><th>findings</th></tr>`
    + `${rows}</table>`);
}

/** The server's SVG, inline: it is the server's own rendering of names the user wrote, escaped there. */
export function showAddressMap(platform: string, svg: string): void {
  panel('pmdl.addressMap', `Address Map: ${platform}`).webview.html = page(`Address map of ${platform}`, svg);
}
