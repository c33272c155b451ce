// Browser test: the real portal (frontend dev server + backend with the catalog, the entity
// provider and the scorecard plugin on the embedded default) in Debian's Chromium.
// Expected statuses come from the table in examples/README.md.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_URL, ROOT, launchBrowser, startPortal } from './portal.mjs';

const OUTPUT = join(ROOT, 'packages/app/e2e-tests/output');
const TEMPLATE = 'it-win2022-base-weu';
// examples/README.md: template-lock pass, vm-boot-optimization fail, own-subnets warn,
// customizer-checksum fail; owner team-windows.
const EXPECTED = {
  'customizer-checksum': {
    word: 'Fail',
    status: 'fail',
    href: 'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#properties-customize',
  },
  'vm-boot-optimization': {
    word: 'Fail',
    status: 'fail',
    href: 'https://learn.microsoft.com/azure/virtual-machines/vm-boot-optimization',
  },
  'own-subnets': {
    word: 'Warning',
    status: 'warn',
    href: 'https://learn.microsoft.com/azure/virtual-machines/linux/image-builder-json#vnetconfig-optional',
  },
  'template-lock': {
    word: 'Pass',
    status: 'pass',
    href: 'https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources',
  },
};

let portal;
let browser;
let page;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  portal = await startPortal();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60_000);
});

after(async () => {
  if (page)
    await page
      .screenshot({ path: join(OUTPUT, 'last-page.png') })
      .catch(() => {});
  await browser?.close();
  await portal?.stop();
});

// Opens a URL of the portal, signing in as guest when the sign-in page shows.
async function open(url) {
  await page.goto(url);
  const enter = page.getByRole('button', { name: 'Enter' });
  // The sidebar is in the DOM once the app shell renders (it may be collapsed, so not visible).
  const nav = page.locator('nav[aria-label="sidebar nav"]');
  const first = await Promise.race([
    enter.waitFor().then(() => 'sign-in'),
    nav.waitFor({ state: 'attached' }).then(() => 'app'),
  ]);
  if (first === 'sign-in') {
    await enter.click();
    await nav.waitFor({ state: 'attached' });
  }
}

test('a template opened from the catalog shows its best-practice checklist', async () => {
  // The catalog lists the templates as Resource entities; the provider and the scan run shortly
  // after start-up, so reload until the template is there.
  const link = page.getByRole('link', { name: TEMPLATE, exact: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    await open(`${APP_URL}/?filters%5Bkind%5D=resource&filters%5Buser%5D=all`);
    try {
      await link.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
  await link.click();
  // Entity page tabs render as tabs or as links, depending on the page layout.
  await page
    .getByRole('tab', { name: 'Best practices' })
    .or(page.getByRole('link', { name: 'Best practices', exact: true }))
    .first()
    .click();

  const findings = page.getByRole('list', { name: 'Findings', exact: true });
  await findings.waitFor();
  // The scan may finish after the page opens: "Check again" until the scorecard is there.
  await page.getByTestId('aib-score').waitFor({ timeout: 60_000 });

  const order = await findings
    .locator('[data-status]')
    .evaluateAll(els =>
      els.map(e => [
        e.getAttribute('aria-label'),
        e.getAttribute('data-status'),
      ]),
    );
  assert.ok(
    order.length >= 4,
    `expected at least 4 findings, got ${JSON.stringify(order)}`,
  );
  // Failures first, passes after warnings.
  const rank = {
    fail: 0,
    warn: 1,
    unknown: 2,
    pass: 3,
    'not-applicable': 4,
    waived: 5,
  };
  const ranks = order.map(([, s]) => rank[s]);
  assert.deepEqual(
    ranks,
    [...ranks].sort((a, b) => a - b),
    `not failures first: ${JSON.stringify(order)}`,
  );

  for (const [ruleId, want] of Object.entries(EXPECTED)) {
    const item = findings.locator(`[aria-label="${ruleId}"]`);
    assert.equal(await item.getAttribute('data-status'), want.status, ruleId);
    const text = await item.innerText();
    assert.match(
      text,
      new RegExp(`\\b${want.word}\\b`),
      `${ruleId} shows the word ${want.word}`,
    );
    const fix = item.getByRole('link', { name: /how to fix/i });
    assert.equal(
      await fix.getAttribute('href'),
      want.href,
      `${ruleId} remediation link`,
    );
    assert.equal(await fix.getAttribute('target'), '_blank');
  }

  // The owner is shown and links to the owning group.
  const owner = page.getByRole('link', { name: /team-windows/ }).first();
  assert.match(
    await owner.getAttribute('href'),
    /\/catalog\/default\/group\/team-windows/,
  );

  await page.screenshot({
    path: join(OUTPUT, 'template-checklist.png'),
    fullPage: true,
  });
});
