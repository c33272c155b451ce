// Browser test: the "Image templates" page and the team scorecard, in the real portal (frontend
// dev server + backend on the embedded default) in Debian's Chromium. Expected templates and
// statuses come from the table in examples/README.md; the team's counts from the browse table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APP_URL,
  ROOT,
  launchBrowser,
  openPortal,
  readExampleTemplates,
  startPortal,
} from './portal.mjs';

const OUTPUT = join(ROOT, 'packages/app/e2e-tests/output');
const OWNER = 'group:default/team-windows';
const RULES = [
  'template-lock',
  'vm-boot-optimization',
  'own-subnets',
  'customizer-checksum',
];
const STATUS_COLUMNS = ['fail', 'warn', 'unknown', 'pass'];

const examples = readExampleTemplates();
const expectedTemplates = examples.filter(t => t.owner === OWNER);

let portal;
let browser;
let page;

before(async () => {
  assert.ok(expectedTemplates.length > 0, `examples/README.md has no ${OWNER}`);
  mkdirSync(OUTPUT, { recursive: true });
  portal = await startPortal();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
});

after(async () => {
  if (page)
    await page
      .screenshot({ path: join(OUTPUT, 'last-page-templates.png') })
      .catch(() => {});
  await browser?.close();
  await portal?.stop();
});

// Polls `read` until `check` accepts its value; fails with the last value.
async function eventually(read, check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) {
      assert.fail(`${what}: last seen ${JSON.stringify(value)}`);
    }
    await page.waitForTimeout(500);
  }
}

// The rows of the templates table: name, score and the counts per status.
async function tableRows() {
  return page
    .getByRole('table', { name: 'Image templates' })
    .locator('tbody tr')
    .evaluateAll(rows =>
      rows
        .filter(r => r.querySelector('[data-column="name"]'))
        .map(r => {
          const text = column =>
            r.querySelector(`[data-column="${column}"]`)?.textContent ?? '';
          const score = text('score');
          return {
            name: r.querySelector('[data-column="name"] a')?.textContent,
            score: /^\d+$/.test(score) ? Number(score) : null,
            fail: Number(text('fail')),
            warn: Number(text('warn')),
            unknown: Number(text('unknown')),
            pass: Number(text('pass')),
          };
        }),
    );
}

async function assertNoHorizontalScroll(view) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 1280, `${view} is ${width}px wide at 1280px`);
}

test('browse templates, filter by owner, open one, and see the team scorecard', async () => {
  // The sidebar lists the page.
  await openPortal(page, `${APP_URL}/`);
  await page
    .locator('nav[aria-label="sidebar nav"]')
    .getByRole('link', { name: 'Image templates' })
    .click();
  await page.waitForURL(/\/azure-image-builder$/);

  // The scan runs shortly after start-up: reload until the table has templates.
  const total = page.getByRole('status').filter({ hasText: /templates?\b/ });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await page.getByRole('table', { name: 'Image templates' }).waitFor({
        timeout: 10_000,
      });
      if ((await tableRows()).length > 0) break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) assert.fail('the templates table stayed empty');
    await openPortal(page, `${APP_URL}/azure-image-builder`);
  }
  assert.match(
    await total.innerText(),
    new RegExp(`^${examples.length} templates$`),
  );
  await assertNoHorizontalScroll('the templates page');

  // Filter by owner through the owner select.
  const owner = page
    .getByRole('combobox', { name: 'Owner' })
    .or(page.getByLabel('Owner', { exact: true }));
  await owner.first().click();
  await page.keyboard.type('team-windows');
  await page.getByRole('option', { name: /\(team-windows\)/ }).click();
  await page.waitForURL(/[?&]owner=group%3Adefault%2Fteam-windows/);

  const rows = await eventually(
    tableRows,
    r =>
      JSON.stringify(r.map(x => x.name).sort()) ===
      JSON.stringify(expectedTemplates.map(t => t.template).sort()),
    `the table shows exactly the ${OWNER} templates of examples/README.md`,
  );
  await page.screenshot({
    path: join(OUTPUT, 'templates-page.png'),
    fullPage: true,
  });

  // A shared link reproduces the view.
  const shared = page.url();
  await openPortal(page, shared);
  await eventually(
    async () => (await tableRows()).map(r => r.name).sort(),
    names => names.length === rows.length,
    'the shared link shows the same templates',
  );

  // The CSV export carries the filter and the user's credentials.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  for (const t of examples) {
    assert.equal(
      csv.includes(t.template),
      t.owner === OWNER,
      `the CSV ${t.owner === OWNER ? 'has' : 'leaves out'} ${t.template}`,
    );
  }

  // The per-rule summary filters the table by a rule's failures.
  const failing = expectedTemplates
    .filter(t => t['vm-boot-optimization'] === 'fail')
    .map(t => t.template)
    .sort();
  if (failing.length > 0) {
    await page
      .getByRole('button', {
        name: `Show the ${failing.length} template${
          failing.length === 1 ? '' : 's'
        } with fail for vm-boot-optimization`,
      })
      .click();
    await page.waitForURL(/[?&]rule=vm-boot-optimization&status=fail/);
    await eventually(
      async () => (await tableRows()).map(r => r.name).sort(),
      names => JSON.stringify(names) === JSON.stringify(failing),
      'the summary click lists the templates failing vm-boot-optimization',
    );
    await page.goBack();
    await eventually(
      async () => (await tableRows()).length,
      n => n === rows.length,
      'back returns to the owner filter',
    );
  }

  // Open a template: its "Best practices" tab shows the statuses of examples/README.md.
  const template = expectedTemplates[0];
  await page
    .getByRole('table', { name: 'Image templates' })
    .getByRole('link', { name: template.template, exact: true })
    .click();
  await page
    .getByRole('tab', { name: 'Best practices' })
    .or(page.getByRole('link', { name: 'Best practices', exact: true }))
    .first()
    .click();
  await page.getByTestId('aib-score').first().waitFor({ timeout: 60_000 });
  const checklist = page
    .getByRole('region', { name: 'Findings', exact: true })
    .or(page.getByRole('list', { name: 'Findings', exact: true }))
    .first();
  for (const ruleId of RULES) {
    const item = checklist.locator(`[aria-label="${ruleId}"][data-status]`);
    assert.equal(
      await item.first().getAttribute('data-status'),
      template[ruleId],
      `${template.template}: ${ruleId}`,
    );
  }

  // Go to the owner's group page through the owner link.
  await page
    .locator('a[href$="/catalog/default/group/team-windows"]')
    .first()
    .click();
  await page.waitForURL(/\/catalog\/default\/group\/team-windows/);

  // The team scorecard adds up the templates of the table.
  const count = page.getByTestId('aib-team-template-count');
  await count.waitFor({ timeout: 60_000 });
  assert.equal(await count.innerText(), String(rows.length));
  const scores = rows.map(r => r.score).filter(s => s !== null);
  assert.equal(
    await page.getByTestId('aib-team-worst').innerText(),
    String(Math.min(...scores)),
  );
  assert.equal(
    await page.getByTestId('aib-team-average').innerText(),
    String(Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)),
  );
  const counts = page.getByRole('list', { name: 'Team findings per status' });
  for (const status of STATUS_COLUMNS) {
    const expected = rows.reduce((sum, r) => sum + r[status], 0);
    const text = await counts.locator(`[data-status="${status}"]`).innerText();
    assert.match(
      text,
      new RegExp(`:\\s*${expected}$`),
      `team ${status} count (${text})`,
    );
  }
  // The matrix has a row per template, with the statuses of examples/README.md.
  const matrix = page.getByRole('table', { name: 'Rules by template' });
  for (const t of expectedTemplates) {
    const row = matrix.locator(`tr[data-template="${t.template}"]`);
    for (const ruleId of RULES) {
      assert.equal(
        await row
          .locator(`td[data-rule="${ruleId}"]`)
          .getAttribute('data-status'),
        t[ruleId],
        `matrix: ${t.template} ${ruleId}`,
      );
    }
  }
  await assertNoHorizontalScroll('the group page');
  await page.screenshot({
    path: join(OUTPUT, 'team-scorecard.png'),
    fullPage: true,
  });
});
