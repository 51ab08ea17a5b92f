import * as fs from 'fs';
import * as path from 'path';

/**
 * A dependency-free test loop for the extension host (the contract of @vscode/test-electron: run() resolves on
 * success and throws on failure). Prints one line per test and closes with `N passed, N failed`.
 */
export type Test = [name: string, body: () => Promise<void>];

/** Polls until the probe returns a value (not undefined), or fails with what it last saw. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 120000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

export async function runTests(suite: string, tests: Test[], perTestMs = 180000): Promise<void> {
  let passed = 0;
  const failures: string[] = [];
  for (const [name, body] of tests) {
    const started = Date.now();
    try {
      await Promise.race([body(), new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no result after ${perTestMs / 1000} s`)), perTestMs))]);
      passed++;
      console.log(`  ok   ${suite}: ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures.push(name);
      console.log(`  FAIL ${suite}: ${name}: ${e instanceof Error ? e.stack ?? e.message : e}`);
    }
  }
  console.log(`${suite}: ${passed} passed, ${failures.length} failed`);
  if (failures.length) {
    throw new Error(`${suite}: failed: ${failures.join(', ')}`);
  }
}

/**
 * Hands the workbench to the test driver (scripts/run-tests.js) for a check only the page shows (squiggles,
 * notifications, a screenshot), and waits until it is done: the extension host ends with the tests, and its
 * language server and diagnostics with it, so the page must be looked at while the tests still run.
 */
export async function handToPage(check: string): Promise<void> {
  const dir = process.env.PMDL_TEST_HANDSHAKE;
  if (!dir) {
    throw new Error('PMDL_TEST_HANDSHAKE is not set: run the tests through scripts/run-tests.js');
  }
  const done = path.join(dir, `${check}.done`);
  console.log(`${PAGE_CHECK}${check}`);
  await waitFor(`the page check ${check}`, () => fs.existsSync(done) || undefined, 170000);
}

/** The console line that asks the driver for a page check. */
export const PAGE_CHECK = 'pmdl-page-check:';
