// Browser test: the real portal (frontend dev server + backend with the catalog, the entity
// provider and the scorecard plugin on the embedded default) in Debian's Chromium.
// Expected statuses come from the table in examples/README.md.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_URL,
  ROOT,
  launchBrowser,
  openPortal,
  startPortal,
} from './portal.mjs';

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

// At 1280×800 the page must not scroll sideways (the layout must not break).
async function assertNoHorizontalScroll(view) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 1280, `${view} is ${width}px wide at 1280px`);
}

// Opens a URL of the portal, signing in as guest when the sign-in page shows.
const open = url => openPortal(page, url);

test('a template opened from the catalog shows its cards and its best-practice checklist', async () => {
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

  // The overview tab has the template's overview card and its score card.
  await page.getByLabel('Image template overview').waitFor({ timeout: 60_000 });
  await page.getByTestId('aib-score').waitFor({ timeout: 60_000 });
  const top = page.getByRole('list', { name: 'Top failing findings' });
  assert.match(await top.innerText(), /\bFail\b/);
  await assertNoHorizontalScroll('template overview');
  await page.screenshot({
    path: join(OUTPUT, 'template-overview.png'),
    fullPage: true,
  });

  // The score card links to the "Best practices" tab.
  await page.getByRole('link', { name: /view the full checklist/i }).click();
  await page.waitForURL(/\/best-practices(#.*)?$/);
  // The tab is also reachable by its name.
  await page
    .getByRole('tab', { name: 'Best practices' })
    .or(page.getByRole('link', { name: 'Best practices', exact: true }))
    .first()
    .waitFor();

  const findings = page.getByRole('region', { name: 'Findings', exact: true });
  await findings.waitFor();
  await page.getByTestId('aib-score').waitFor({ timeout: 60_000 });

  // Grouped by best-practice section; failures first within each section.
  const rank = {
    fail: 0,
    warn: 1,
    unknown: 2,
    pass: 3,
    'not-applicable': 4,
    waived: 5,
  };
  const groups = await findings.locator('ul').evaluateAll(lists =>
    lists.map(list => ({
      section: list.getAttribute('aria-label'),
      findings: [...list.querySelectorAll('[data-status]')].map(e => [
        e.getAttribute('aria-label'),
        e.getAttribute('data-status'),
      ]),
    })),
  );
  const all = groups.flatMap(g => g.findings);
  assert.ok(
    all.length >= 4,
    `expected at least 4 findings, got ${JSON.stringify(groups)}`,
  );
  for (const group of groups) {
    const ranks = group.findings.map(([, s]) => rank[s]);
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
      `not failures first in ${group.section}: ${JSON.stringify(group)}`,
    );
  }

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

  // Failures and warnings are listed at the top, and lead to their place in the checklist.
  const attention = page.getByRole('list', { name: 'Needs attention' });
  const attentionText = await attention.innerText();
  for (const [ruleId, want] of Object.entries(EXPECTED)) {
    if (want.status !== 'fail' && want.status !== 'warn') continue;
    const target = findings.locator(`[aria-label="${ruleId}"]`);
    const title = await target.locator('h4').innerText();
    assert.ok(
      attentionText.includes(title),
      `"Needs attention" lists ${ruleId}`,
    );
  }
  // Keyboard: focus the first "Needs attention" link and follow it with Enter.
  const firstLink = attention.getByRole('link').first();
  const anchor = (await firstLink.getAttribute('href')).slice(1);
  await firstLink.focus();
  await page.keyboard.press('Enter');
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    anchor,
    'the link moves focus to the finding',
  );
  assert.ok(page.url().endsWith(`#${anchor}`));

  // The owner is shown and links to the owning group.
  const owner = page.getByRole('link', { name: /team-windows/ }).first();
  assert.match(
    await owner.getAttribute('href'),
    /\/catalog\/default\/group\/team-windows/,
  );
  // The template links to the Azure portal.
  const portalLinks = page.getByRole('list', { name: 'Azure portal links' });
  assert.match(
    await portalLinks.getByRole('link').first().getAttribute('href'),
    /^https:\/\/portal\.azure\.com\/#(@[^/]+)?\/resource\/subscriptions\//,
  );

  await assertNoHorizontalScroll('template checklist');
  await page.screenshot({
    path: join(OUTPUT, 'template-checklist.png'),
    fullPage: true,
  });
});
