#!/usr/bin/env node
// Packs the extension into target/pmdl-<version>.vsix with the language server inside (server/pmdl-server.jar).
// Usage: node scripts/package.js [SERVER_JAR]   (default: the newest ../lsp-server/target/lsp-server-*-all.jar)
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const serverTarget = path.join(root, '..', 'lsp-server', 'target');
const jar = process.argv[2] || (fs.existsSync(serverTarget) ? fs.readdirSync(serverTarget) : [])
  .filter(name => /^lsp-server-.*-all\.jar$/.test(name)).map(name => path.join(serverTarget, name))
  .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
if (!jar || !fs.existsSync(jar)) {
  console.error('package: no language server jar; build it first (mvn -B package from the repository root)');
  process.exit(2);
}
fs.mkdirSync(path.join(root, 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(root, 'server', 'pmdl-server.jar'));
const { version } = require(path.join(root, 'package.json'));
const vsix = path.join(root, 'target', `pmdl-${version}.vsix`);
fs.mkdirSync(path.dirname(vsix), { recursive: true });
// the client is bundled into dist/ by esbuild, so the package needs no node_modules
execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'),
  ['package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: root, stdio: 'inherit' });
console.log(`package: ${path.relative(process.cwd(), vsix)} (${(fs.statSync(vsix).size / 1048576).toFixed(1)} MiB)`);
