// Takes the screenshots of the plugin README from the real portal (frontend dev server + backend
// on the embedded default, as ./scripts/start runs it) in Chromium at 1280×800, so they stay
// current: `yarn screenshots`. Writes plugins/azure-image-builder/docs/*.png.
//
// Options: --only <name>[,<name>…] takes some of the views (names below); AIB_SCREENSHOTS_DIR
// writes elsewhere (e.g. to compare before replacing); AIB_E2E_REUSE_PORTAL=1 uses a portal
// already running on the browser tests' ports. A view whose page is not in the app
// (e.g. the browse page before it exists) is skipped with a message; the script fails only when
// a view that exists cannot be captured.
/* eslint-disable no-console -- a command-line script: it reports on the console */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  APP_URL,
  ROOT,
  launchBrowser,
  openPortal,
  startPortal,
} from './portal.mjs';

const OUT =
  process.env.AIB_SCREENSHOTS_DIR ??
  join(ROOT, 'plugins/azure-image-builder/docs');
// Screenshots of views that failed go with the browser tests' output, not into the docs.
const FAILED = join(ROOT, 'packages/app/e2e-tests/output');
const VIEWPORT = { width: 1280, height: 800 };
// The example template with failures, warnings and passes (examples/README.md), and its team.
const TEMPLATE = 'it-win2022-base-weu';
const TEAM = 'team-windows';

class Skip extends Error {}

// Opens a URL of the portal, signing in as guest when the sign-in page shows.
const open = (page, url) => openPortal(page, url);

// Waits until no progress bar has shown for a moment (cards and tables load on their own).
async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  const progress = page.locator('[role="progressbar"]');
  await progress
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {});
  // Let fonts and the last layout pass finish.
  await page.waitForTimeout(500);
}

// The entity page of the example template, found through the catalog (entity names are
// generated, so they are not hard-coded here). The scan runs shortly after start-up.
async function openTemplate(page) {
  const link = page.getByRole('link', { name: TEMPLATE, exact: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    await open(
      page,
      `${APP_URL}/?filters%5Bkind%5D=resource&filters%5Buser%5D=all`,
    );
    try {
      await link.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
  }
  await link.click();
  await page.getByText('Best practices score').first().waitFor();
}

async function templateOverview(page) {
  await openTemplate(page);
  await page.getByTestId('aib-score').waitFor({ timeout: 60_000 });
  await settle(page);
}

async function templateChecklist(page) {
  await openTemplate(page);
  await page
    .getByRole('tab', { name: 'Best practices' })
    .or(page.getByRole('link', { name: 'Best practices', exact: true }))
    .first()
    .click();
  await page.getByRole('region', { name: 'Findings' }).waitFor();
  await settle(page);
}

async function templatesPage(page) {
  await open(page, `${APP_URL}/azure-image-builder`);
  // The app answers an unknown path with its "not found" page.
  const notFound = page.getByText(/error 404|page not found/i).first();
  const rows = page
    .getByRole('table', { name: 'Image templates' })
    .locator('tbody tr');
  const first = await Promise.race([
    notFound.waitFor({ timeout: 60_000 }).then(() => 'missing'),
    rows
      .first()
      .waitFor({ timeout: 60_000 })
      .then(() => 'page'),
  ]);
  if (first === 'missing') {
    throw new Skip('/azure-image-builder is not a page of the app yet');
  }
  await settle(page);
}

async function teamScorecard(page) {
  await open(page, `${APP_URL}/catalog/default/group/${TEAM}`);
  // The team card ("Image template scorecard"), wherever the layout puts it.
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: /image template scorecard/i })
    .first();
  try {
    await card.waitFor({ timeout: 60_000 });
  } catch {
    throw new Skip(`no team scorecard on the page of group ${TEAM} yet`);
  }
  await settle(page);
  // Scroll so the card starts at the top of the viewport (the group profile is above it).
  await card.evaluate(el => {
    el.scrollIntoView({ block: 'start' });
    // Keep the page's gutter above the card, so its top edge shows.
    window.scrollBy(0, -24);
  });
  await page.waitForTimeout(300);
}

// A view that shows an error (e.g. the backend restarting) must not become a README picture.
async function assertNoError(page) {
  const error = page
    .getByText(/Request failed with|Could not load|Something went wrong/i)
    .first();
  if (await error.isVisible().catch(() => false)) {
    throw new Error(`the page shows an error: ${await error.innerText()}`);
  }
}

const VIEWS = {
  'template-overview': templateOverview,
  'template-checklist': templateChecklist,
  'templates-page': templatesPage,
  'team-scorecard': teamScorecard,
};

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const names = values.only ? values.only.split(',') : Object.keys(VIEWS);
for (const name of names) {
  if (!VIEWS[name]) {
    console.error(
      `Unknown view '${name}'; the views are ${Object.keys(VIEWS).join(', ')}`,
    );
    process.exit(2);
  }
}

mkdirSync(OUT, { recursive: true });
mkdirSync(FAILED, { recursive: true });
console.log('Starting the portal (1–2 minutes)…');
const portal = await startPortal();
let browser;
let failed = 0;
try {
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: VIEWPORT,
    // Screenshots should not depend on the machine's settings.
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  for (const name of names) {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const file = join(OUT, `${name}.png`);
    try {
      // One retry: a dev portal can restart its backend while a view loads.
      await VIEWS[name](page).catch(async e => {
        if (e instanceof Skip) throw e;
        console.warn(`${name}: retrying after: ${e.message.split('\n')[0]}`);
        await VIEWS[name](page);
      });
      await assertNoError(page);
      const width = await page.evaluate(
        () => document.documentElement.scrollWidth,
      );
      if (width > VIEWPORT.width) {
        console.warn(
          `${name}: the page is ${width}px wide at ${VIEWPORT.width}px (horizontal scroll)`,
        );
      }
      await page.screenshot({ path: file });
      console.log(`${name}: ${relative(ROOT, file)}`);
    } catch (e) {
      if (e instanceof Skip) {
        console.log(`${name}: skipped (${e.message})`);
      } else {
        failed++;
        console.error(`${name}: failed: ${e.stack ?? e}`);
        await page
          .screenshot({ path: join(FAILED, `screenshot-${name}.failed.png`) })
          .catch(() => {});
      }
    } finally {
      await page.close();
    }
  }
} finally {
  await browser?.close();
  await portal.stop();
}
process.exit(failed ? 1 : 0);
