// Benchmark (figures, not a test): the "Image templates" page on a generated snapshot of 5,000
// templates in the real portal and Chromium. Measures, over several navigations, the time from a
// click on the sidebar entry to the first row of the table on screen (data fetched from the
// backend, which filters and pages in its database).
//
//   node packages/app/e2e-tests/browsePage.bench.mjs [templates] [runs]
/* eslint-disable no-console -- a command-line script: it reports on the console */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APP_URL,
  ROOT,
  launchBrowser,
  openPortal,
  startPortal,
} from './portal.mjs';

const templates = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'aib-browse-bench-'));
const snapshotFile = join(dir, 'snapshot.json');
const configFile = join(dir, 'app-config.bench.yaml');

const gen = spawnSync(
  process.execPath,
  [
    '--require',
    '@backstage/cli/config/nodeTransform.cjs',
    'bench/writeSnapshot.ts',
    String(templates),
    snapshotFile,
  ],
  { cwd: join(ROOT, 'plugins/azure-image-builder-node'), stdio: 'inherit' },
);
if (gen.status !== 0) process.exit(gen.status ?? 1);
writeFileSync(
  configFile,
  `azureImageBuilder:\n  sources:\n    - id: demo\n      type: file\n      path: ${JSON.stringify(
    snapshotFile,
  )}\n`,
);

const portal = await startPortal({ extraConfig: [configFile] });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
  });
  page.setDefaultTimeout(120_000);
  await openPortal(page, `${APP_URL}/azure-image-builder`);
  // Wait until the scan has stored every template.
  const total = page.getByText(`${templates.toLocaleString('en')} templates`);
  const plain = page.getByText(`${templates} templates`);
  for (const deadline = Date.now() + 300_000; ; ) {
    if ((await total.count()) + (await plain.count()) > 0) break;
    if (Date.now() > deadline) throw new Error('the scan did not finish');
    await page.waitForTimeout(2000);
    await page.reload();
    await openPortal(page, `${APP_URL}/azure-image-builder`);
  }
  const nav = page.locator('nav[aria-label="sidebar nav"]');
  const firstRow = page.locator('table tbody tr').first();
  const times = [];
  for (let i = 0; i < runs; i++) {
    await nav.getByRole('link', { name: 'Catalog' }).click();
    await page.waitForURL(u => !u.pathname.startsWith('/azure-image-builder'));
    await page.getByRole('table').first().waitFor();
    const t0 = Date.now();
    await nav.getByRole('link', { name: 'Image templates' }).click();
    await firstRow.waitFor({ state: 'visible' });
    await page.getByRole('link', { name: /^it-/ }).first().waitFor();
    times.push(Date.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        templates,
        runs,
        firstRenderMs: {
          first: times[0],
          median: sorted[Math.floor(runs / 2)],
          best: sorted[0],
          worst: sorted[runs - 1],
        },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await portal.stop();
}
