#!/usr/bin/env node
// The extension's tests in a real VS Code: code-server 4.100.3 (VS Code 1.100.3, installed by
// scripts/setup-code-server) opened in Debian's Chromium through playwright-core. The packaged
// target/pmdl-VERSION.vsix is installed by code-server itself, and each suite loads that installed copy as the
// extension under development (PMDL_TEST_FROM_SOURCE=1: this folder instead) and runs a compiled test module
// (out/test/*.js) in the Node extension host, where the extension starts the real Java language server it carries.
// The page checks what only the UI shows: the squiggle (screenshot in target/test-artifacts/) and the missing-Java
// notification. Everything runs in one process group that is killed on exit, failure, timeout or signal.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'target');
const artifacts = path.join(target, 'test-artifacts');
const codeServer = process.env.PMDL_CODE_SERVER || path.join(root, '..', '.tools', 'code-server');
const browserPath = process.env.PMDL_CHROMIUM || '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 10 * 60 * 1000; // code-server, Chromium and Java share 2 slow cores with other builds
const WHOLE_RUN_TIMEOUT_MS = 25 * 60 * 1000;

const PAGE_CHECK = 'pmdl-page-check:'; // test/harness.ts
let server; // the code-server process group
let handshake; // where the driver tells a waiting test that its page check is done
const results = { passed: 0, failed: 0 };

/**
 * No extension gallery (code-server reads EXTENSIONS_GALLERY; `{}` turns the marketplace off): the tests install
 * the .vsix from disk, and the gallery's lookups only failed with `getaddrinfo ENOTFOUND` stack traces offline.
 */
const OFFLINE_ENV = { ...process.env, EXTENSIONS_GALLERY: '{}' };

function log(message) {
  console.log(`vscode-test: ${message}`);
}

function record(name, ok, detail = '') {
  results[ok ? 'passed' : 'failed']++;
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL'); // the group: file watchers and extension hosts too
    } catch (e) {
      if (e.code !== 'ESRCH') throw e;
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`code-server not healthy after ${timeoutMs / 1000} s`);
}

/** A fresh copy of a fixture workspace: the tests edit documents, the committed fixtures stay as they are. */
function workspace(tmp, fixture) {
  const dir = path.join(tmp, 'workspaces', fixture);
  fs.cpSync(path.join(root, 'test', 'fixtures', fixture), dir, { recursive: true });
  return dir;
}

/**
 * Opens the workbench on FOLDER with this extension under development and TESTS as its test module. When a test
 * asks for a page check (test/harness.ts handToPage), PAGE_CHECKS[name](page) runs and the test is told it is done.
 */
async function runSuite(browser, base, extension, folder, tests, pageChecks) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const authority = new URL(base).host;
    const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extension}`],
      ['extensionTestsPath', `vscode-remote://${authority}${tests}`]];
    let exited;
    const exit = new Promise(resolve => { exited = resolve; });
    const asked = new Set();
    await page.exposeFunction('codeAutomationExit', code => exited(code));
    await page.exposeFunction('codeAutomationLog', async (type, args) => {
      console.log(...args);
      const line = String(args[0]);
      if (line.startsWith(PAGE_CHECK)) {
        const name = line.slice(PAGE_CHECK.length);
        asked.add(name);
        await pageChecks[name](page);
        fs.writeFileSync(path.join(handshake, `${name}.done`), '');
      }
    });
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const code = await Promise.race([exit, new Promise(resolve => {
      timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS);
    })]);
    clearTimeout(timer);
    record(`extension-host suite ${path.basename(tests)}`, code === 0, code === 0 ? '' : `exit ${code}`);
    for (const name of Object.keys(pageChecks).filter(name => !asked.has(name))) {
      record(`page check ${name}`, false, 'never asked for by the tests');
    }
  } finally {
    await page.close();
  }
}

/** A check on the page, which is photographed either way: NAME.png on success, NAME-failed.png otherwise. */
function pageCheck(name, title, body) {
  return async page => {
    try {
      const detail = await body(page);
      await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
      record(title, true, detail);
    } catch (e) {
      await page.screenshot({ path: path.join(artifacts, `${name}-failed.png`) }).catch(() => {});
      record(title, false, e.message.split('\n')[0]);
    }
  };
}

/** Installs the .vsix as a user would (code-server --install-extension) and checks what it unpacked. */
function install(vsix, dir, version) {
  execFileSync(path.join(codeServer, 'bin', 'code-server'), ['--extensions-dir', dir, '--install-extension', vsix],
    { stdio: ['ignore', 'pipe', 'inherit'], timeout: 120000, env: OFFLINE_ENV });
  const installed = path.join(dir, `pmdl.pmdl-${version}`);
  const missing = ['package.json', 'dist/extension.js', 'server/pmdl-server.jar', 'syntaxes/pmdl.tmLanguage.json',
    'snippets/pmdl.json', 'language-configuration.json'].filter(file => !fs.existsSync(path.join(installed, file)));
  record(`the .vsix installs with the server inside (${(fs.statSync(vsix).size / 1048576).toFixed(1)} MiB)`,
    missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : '');
  return installed;
}

async function main() {
  execFileSync(path.join(__dirname, 'setup-code-server'), { stdio: 'inherit' });
  const { version } = require(path.join(root, 'package.json'));
  const vsix = path.join(target, `pmdl-${version}.vsix`);
  if (!fs.existsSync(vsix)) {
    throw new Error(`no ${vsix}: run \`npm run package\` (or mvn -B package) first`);
  }
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  fs.mkdirSync(target, { recursive: true });
  const tmp = path.join(target, 'vscode-test'); // the last run's logs stay here (data/logs) until the next run
  fs.rmSync(tmp, { recursive: true, force: true });
  const userDir = path.join(tmp, 'data', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'workbench.tips.enabled': false, 'editor.inlayHints.enabled': 'on',
    'git.openRepositoryInParentFolders': 'never', // the workspaces live under the repository's target/
  }));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  const extension = process.env.PMDL_TEST_FROM_SOURCE === '1' ? root : install(vsix, path.join(tmp, 'vsix'), version);
  handshake = path.join(tmp, 'handshake');
  fs.mkdirSync(handshake);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = fs.openSync(path.join(artifacts, 'code-server.log'), 'w');
  server = spawn(path.join(codeServer, 'bin', 'code-server'), ['--config', path.join(tmp, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', path.join(tmp, 'data'),
    '--extensions-dir', path.join(tmp, 'extensions')],
  { detached: true, stdio: ['ignore', serverLog, serverLog], env: { ...OFFLINE_ENV, PMDL_TEST_HANDSHAKE: handshake } });
  await waitForHealth(base, 120000);
  log(`code-server up on ${base}`);
  const browser = await chromium.launch({ executablePath: browserPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-quic', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'] });
  try {
    await runSuite(browser, base, extension, workspace(tmp, 'workspace'), path.join(root, 'out', 'test', 'main.js'), {
      diagnostic: pageCheck('diagnostic', 'the editor shows the diagnostic as a squiggle and in Problems', async page => {
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
        const problem = page.locator('.markers-panel .monaco-tl-row', { hasText: 'STEP-REFUSED' }).first();
        await problem.waitFor({ timeout: 60000 });
        await page.waitForTimeout(1000); // let the layout settle before the picture
        return `problems panel: ${(await problem.innerText()).replace(/\s+/g, ' ')}`;
      }),
      'address-map': pageCheck('address-map', 'the address map webview shows the SVG', async page => {
        const deadline = Date.now() + 60000;
        for (;;) { // the webview's document sits in nested frames: find the one that holds the picture
          for (const frame of page.frames()) {
            const label = frame.locator('svg text', { hasText: 'region0' }).first();
            if (await label.count().catch(() => 0)) {
              await label.waitFor({ state: 'visible', timeout: 10000 });
              return `svg text: ${await label.textContent()}`;
            }
          }
          if (Date.now() > deadline) throw new Error('no webview frame shows an SVG naming region0');
          await page.waitForTimeout(500);
        }
      }),
    });
    await runSuite(browser, base, extension, workspace(tmp, 'no-java'), path.join(root, 'out', 'test', 'noJava.js'), {
      'no-java': pageCheck('no-java', 'missing Java: the notification says what is wrong and how to fix it', async page => {
        const toast = page.locator('.notification-toast', { hasText: 'PMDL needs Java 17 or newer' }).first();
        await toast.waitFor({ timeout: 60000 });
        const text = (await toast.innerText()).replace(/\s+/g, ' ');
        if (!text.includes('pmdl.java.home') || !text.includes('Open Settings')) throw new Error(text);
        return `notification: ${text}`;
      }),
    });
  } finally {
    await browser.close();
  }
}

const watchdog = setTimeout(() => {
  log(`no result after ${WHOLE_RUN_TIMEOUT_MS / 60000} min: giving up`);
  killServer();
  process.exit(1);
}, WHOLE_RUN_TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { killServer(); process.exit(1); });
}
process.on('exit', killServer);
if (!fs.existsSync(browserPath)) {
  // as the pre-commit and SARIF tests do: skipped with the reason on a developer's machine, a failure in CI
  log(`no Chromium at ${browserPath} (apt-get install chromium, or set PMDL_CHROMIUM)`);
  if (process.env.CI !== 'true') {
    log('skipped');
    process.exit(0);
  }
  process.exit(1);
}
const started = Date.now();
main().catch(e => record('run', false, e.stack || e.message)).finally(() => {
  clearTimeout(watchdog);
  killServer();
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; artifacts in ${path.relative(process.cwd(), artifacts)}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
});
