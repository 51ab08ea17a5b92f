import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind }
  from 'vscode-languageclient/node';
import { findJava, JavaNotFound, MINIMUM_JAVA } from './java';
import { RunResult, showAddressMap, showResults } from './panels';
import { platformAt, scenarioAt, scenarios } from './scenarios';

/** What activate() hands to other extensions and to the tests: the running client and why the server is down. */
export interface PmdlApi {
  client(): LanguageClient | undefined;
  /** The message shown when the server could not start (no Java 17+, no jar), or undefined. */
  startProblem(): string | undefined;
}

let client: LanguageClient | undefined;
let startProblem: string | undefined;
let output: vscode.OutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<PmdlApi> {
  output = vscode.window.createOutputChannel('PMDL');
  context.subscriptions.push(output,
    vscode.commands.registerCommand('pmdl.restartServer', () => restart(context)),
    vscode.commands.registerCommand('pmdl.runScenario', () => runScenarios(false)),
    vscode.commands.registerCommand('pmdl.runAllScenarios', () => runScenarios(true)),
    vscode.commands.registerCommand('pmdl.showAddressMap', addressMap),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (['pmdl.java.home', 'pmdl.server.jvmOptions', 'pmdl.kernelProfile', 'pmdl.explorationBound']
        .some(setting => event.affectsConfiguration(setting))) {
        void restart(context);
      }
    }));
  await start(context);
  return { client: () => client, startProblem: () => startProblem };
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The server jar the build copies into the extension. */
function serverJar(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath(path.join('server', 'pmdl-server.jar'));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('pmdl');
  startProblem = undefined;
  let java;
  try {
    java = findJava(config.get<string>('java.home', ''));
  } catch (e) {
    if (!(e instanceof JavaNotFound)) {
      throw e;
    }
    return reportStartProblem(`PMDL needs Java ${MINIMUM_JAVA} or newer to run its language server, but ${e.message}. `
      + `Install a JDK ${MINIMUM_JAVA}+ (e.g. \`apt install openjdk-17-jre-headless\`) or set "pmdl.java.home" `
      + 'to its folder, then run "PMDL: Restart Language Server".', 'Open Settings');
  }
  const jar = serverJar(context);
  if (!fs.existsSync(jar)) {
    return reportStartProblem(`The PMDL language server is missing from the extension (${jar}). Reinstall the .vsix.`);
  }
  output.appendLine(`Starting the PMDL language server: Java ${java.version} (${java.executable}), ${jar}`);
  const serverOptions: ServerOptions = {
    command: java.executable,
    args: [...config.get<string[]>('server.jvmOptions', []), '-jar', jar, 'lsp'],
    transport: TransportKind.stdio,
  };
  const kernel = config.get<string>('kernelProfile', '');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'pmdl' }, { scheme: 'untitled', language: 'pmdl' }],
    outputChannel: output,
    middleware: {
      // the code lens "▶ Run" calls the server's pmdl.run [uri, scenario]: show its answer like the Run commands do
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === 'pmdl.run' && result && typeof args[0] === 'string') {
          showResults(vscode.workspace.asRelativePath(vscode.Uri.parse(args[0])), [{ scenario: String(args[1]), ...result }]);
        }
        return result;
      },
    },
    initializationOptions: {
      kernelProfile: kernel || null,
      explorationBound: config.get<number>('explorationBound', 100000),
    },
  };
  client = new LanguageClient('pmdl', 'PMDL Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    reportStartProblem(`The PMDL language server did not start: ${e instanceof Error ? e.message : e}. `
      + 'The PMDL output channel has its log.');
  }
}

function reportStartProblem(message: string, ...actions: string[]): void {
  startProblem = message;
  output.appendLine(message);
  void vscode.window.showErrorMessage(message, ...actions).then(choice => {
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'pmdl.java.home');
    }
  });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop(10000).catch(e => output.appendLine(`stopping the server: ${e}`));
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

function pmdlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'pmdl') {
    return editor;
  }
  void vscode.window.showWarningMessage('Open a .pmdl file first.');
  return undefined;
}

function runningClient(): LanguageClient | undefined {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage(startProblem ?? 'The PMDL language server is not running.');
    return undefined;
  }
  return client;
}

/** `pmdl.run [uri, scenario]` on the server for the scenario under the cursor or every scenario of the file. */
async function runScenarios(all: boolean): Promise<RunResult[] | undefined> {
  const editor = pmdlEditor();
  const server = editor && runningClient();
  if (!editor || !server) {
    return undefined;
  }
  const text = editor.document.getText();
  const names = all ? scenarios(text).map(s => s.name) : [scenarioAt(text, editor.selection.active.line)?.name];
  if (!names[0]) {
    void vscode.window.showWarningMessage(all ? 'This file has no scenario.' : 'The cursor is not in a scenario.');
    return undefined;
  }
  const uri = editor.document.uri.toString();
  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'PMDL: running' },
    () => Promise.all(names.map(async name => {
      const result = await server.sendRequest(ExecuteCommandRequest.type,
        { command: 'pmdl.run', arguments: [uri, name] }) as RunResult;
      return { scenario: name, ...result };
    })));
  showResults(vscode.workspace.asRelativePath(editor.document.uri), results);
  return results;
}

/** The server draws the platform's address map as SVG (`pmdl.addressMap`); a webview shows it. */
async function addressMap(): Promise<{ platform: string; svg?: string; error?: string } | undefined> {
  const editor = pmdlEditor();
  const server = editor && runningClient();
  if (!editor || !server) {
    return undefined;
  }
  const platform = platformAt(editor.document.getText(), editor.selection.active.line);
  if (!platform) {
    void vscode.window.showWarningMessage('This file declares no platform and no scenario.');
    return undefined;
  }
  const answer = await server.sendRequest(ExecuteCommandRequest.type,
    { command: 'pmdl.addressMap', arguments: [editor.document.uri.toString(), platform] }) as
    { svg?: string; error?: string };
  if (answer?.svg) {
    showAddressMap(platform, answer.svg);
  } else {
    void vscode.window.showErrorMessage(`PMDL address map of ${platform}: ${answer?.error ?? 'no answer'}`);
  }
  return { platform, ...answer };
}
