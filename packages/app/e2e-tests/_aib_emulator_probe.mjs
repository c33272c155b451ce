import { launchBrowser, openPortal } from './portal.mjs';
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await openPortal(page, 'http://localhost:3000/catalog?filters%5Bkind%5D=resource&filters%5Buser%5D=all');
  await page.waitForTimeout(8000);
  await page.screenshot({ path: '/tmp/aib-emulator-portal.png' });
  console.log(page.url());
  console.log((await page.locator('body').innerText()).slice(0, 1500));
} finally {
  await browser.close();
}
