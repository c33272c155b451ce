// Starts the real portal (frontend dev server + backend, as ./scripts/start does) for the browser
// tests, and Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
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

/** Starts the portal; resolves when the app, the backend and the first scan are up. */
export async function startPortal({ timeoutMs = 8 * 60_000 } = {}) {
  const proc = spawn(
    'yarn',
    [
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      join(here, 'app-config.e2e.yaml'),
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
  const stop = async () => {
    if (proc.exitCode !== null) return;
    try {
      process.kill(-proc.pid, 'SIGTERM');
    } catch {
      return;
    }
    await new Promise(r => {
      const t = setTimeout(() => {
        try {
          process.kill(-proc.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        r();
      }, 10_000);
      proc.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
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
