// Starts the real portal (frontend dev server + backend, as ./scripts/start does) for the browser
// tests, and Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../..');
export const APP_URL = 'http://localhost:3100';
export const BACKEND_URL = 'http://localhost:7107';

async function waitFor(url, { timeoutMs, isReady = r => r.ok, proc }) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${proc.exitCode} before ${url} answered`,
      );
    }
    try {
      const res = await fetch(url);
      if (await isReady(res)) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e.cause?.code ?? e.message);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${url} not ready after ${timeoutMs / 1000}s (last: ${last})`,
  );
}

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch (e) {
    // A timeout means something listens but is busy.
    return e.name === 'TimeoutError';
  }
}

/**
 * Waits until nothing answers on the test ports: another run of the browser tests (or a portal
 * left over) would make this run's portal fail to listen.
 */
async function waitForFreePorts(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while ((await answers(APP_URL)) || (await answers(BACKEND_URL))) {
    if (Date.now() > deadline) {
      throw new Error(
        `ports of ${APP_URL} and ${BACKEND_URL} still in use after ${
          timeoutMs / 1000
        }s: is another portal running?`,
      );
    }
    await new Promise(r => setTimeout(r, 2_000));
  }
}

/** Starts the portal; resolves when the app, the backend and the first scan are up. */
export async function startPortal({
  timeoutMs = 8 * 60_000,
  extraConfig = [],
} = {}) {
  // For iterating on a test: AIB_E2E_REUSE_PORTAL=1 uses a portal already running on the test
  // ports (e.g. one started by another script) instead of starting one.
  if (process.env.AIB_E2E_REUSE_PORTAL) {
    const up = await fetch(`${BACKEND_URL}/api/azure-image-builder/health`)
      .then(r => r.ok)
      .catch(() => false);
    if (up) return { stop: async () => {}, output: [] };
  }
  await waitForFreePorts(timeoutMs);
  const proc = spawn(
    'yarn',
    [
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      join(here, 'app-config.e2e.yaml'),
      ...extraConfig.flatMap(file => ['--config', file]),
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none' },
    },
  );
  const output = [];
  const keep = chunk => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const groupAlive = () => {
    try {
      process.kill(-proc.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Stops the whole process group, not only yarn: a backend the dev watcher restarted can outlive
  // yarn and would keep the test ports for the next test file.
  const stop = async () => {
    if (!groupAlive()) return;
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 10_000;
    while (groupAlive() && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 250));
    }
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor(`${BACKEND_URL}/api/azure-image-builder/health`, {
      timeoutMs,
      proc,
    });
    await waitFor(APP_URL, { timeoutMs, proc });
  } catch (e) {
    await stop();
    e.message += `\n--- portal output (tail) ---\n${output
      .join('')
      .slice(-6000)}`;
    throw e;
  }
  return { stop, output };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.AIB_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Opens a URL of the portal in `page`, signing in as guest when the sign-in page shows, and
 * resolves once the app shell (the sidebar) is there.
 */
export async function openPortal(page, url, { timeoutMs = 180_000 } = {}) {
  // The sidebar is in the DOM once the app shell renders (it may be collapsed, so not visible).
  const nav = page.locator('nav[aria-label="sidebar nav"]');
  const enter = page.getByRole('button', { name: 'Enter' });
  for (let attempt = 1; ; attempt++) {
    await page.goto(url, { timeout: timeoutMs });
    // The dev server compiles the app on the first request, which takes minutes on a busy
    // machine.
    const first = await Promise.race([
      enter.waitFor({ timeout: timeoutMs }).then(() => 'sign-in'),
      nav.waitFor({ state: 'attached', timeout: timeoutMs }).then(() => 'app'),
    ]);
    if (first === 'app') return;
    await enter.click();
    try {
      await nav.waitFor({ state: 'attached', timeout: 60_000 });
      return;
    } catch (e) {
      // The guest sign-in fails ("You cannot sign in as a guest…") while the dev backend
      // restarts, e.g. after a source file changed: sign in again.
      if (attempt >= 3) throw e;
      await page.waitForTimeout(5_000);
    }
  }
}

/**
 * The template table of examples/README.md ("Templates and expected results"), as
 * `[{ template, subscription, owner, 'template-lock': 'pass', ... }]`, so browser tests check the
 * portal against the documented example rather than against numbers copied into the test.
 */
export function readExampleTemplates() {
  const text = readFileSync(join(ROOT, 'examples/README.md'), 'utf8');
  const section = text.split('## Templates and expected results')[1];
  if (!section) {
    throw new Error(
      'examples/README.md has no "Templates and expected results" section',
    );
  }
  const lines = section
    .split('\n')
    .map(l => l.trim())
    .filter(l => l.startsWith('|'));
  const cells = line =>
    line
      .slice(1, -1)
      .split('|')
      .map(c => c.trim().replace(/^`|`$/g, ''));
  const header = cells(lines[0]);
  const rows = [];
  // The first table ends where the next one (a new header row) starts.
  for (const line of lines.slice(2)) {
    if (/^\|\s*-/.test(line)) break;
    const values = cells(line);
    if (values[0] === header[0]) break;
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
  }
  if (rows.length === 0 || !('owner' in rows[0])) {
    throw new Error('examples/README.md: could not read the templates table');
  }
  return rows;
}
