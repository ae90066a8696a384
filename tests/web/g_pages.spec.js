// Every page answers in Vietnamese for a leader, at 1280 and 360 px (screenshots), with no
// horizontal scroll of the whole page on a phone; a body's page makes a link code with its QR.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { env, launch, newPage, signIn, screenshots } = require('./lib.js');

const pages = [
  ['overview', '/'], ['tasks', '/nhiem-vu'], ['bodies', '/co-quan'], ['body-vh_xh', '/co-quan/vh_xh'],
  ['calendar-week', '/lich'], ['calendar-month', '/lich?theo=thang'], ['rules-page', '/quy-tac'],
  ['audit', '/nhat-ky'], ['audit-page-2', '/nhat-ky?trang=2'],
];

test('every page renders and fits a 360 px phone', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'admin1');
    for (const [name, path] of pages) {
      const res = await page.goto(env.base + path);
      assert.equal(res.status(), 200, `${path}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
      assert.ok((await page.locator('h1').count()) >= 1, `${path} has a heading`);
      await screenshots(page, name);
      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} scrolls sideways at 360 px by ${overflow} px`);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.goto(`${env.base}/co-quan`);
    assert.ok(await page.locator('svg.chart[role="img"]').count() >= 1, 'the per-body SVG charts');
  } finally {
    await browser.close();
  }
});

test('a body\'s page creates a link code shown with its QR code', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'vanphong');
    await page.goto(`${env.base}/co-quan/vh_xh`);
    await page.fill('input[name="bot"]', 'dondoc_test_bot');
    await Promise.all([page.waitForLoadState('load'), page.click('text=Tạo mã liên kết')]);
    const code = await page.locator('.link-code').getAttribute('data-code');
    assert.match(code, /^[A-Z0-9]{6,}$/);
    assert.ok(await page.locator('svg.qr').count(), 'a QR code');
    assert.match(await page.textContent('main'), new RegExp(`https://t\\.me/dondoc_test_bot\\?start=${code}`));
    await screenshots(page, 'link-code');
  } finally {
    await browser.close();
  }
});

test('the province page is for province roles only and links each commune', async () => {
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await signIn(page, 'chutich');
    const refused = await page.goto(`${env.base}/tinh`);
    assert.equal(refused.status(), 403);
    const prov = await newPage(browser);
    await signIn(prov, 'tinh1');
    const res = await prov.goto(`${env.base}/tinh`);
    assert.equal(res.status(), 200);
    const link = prov.locator('table.province a[href^="/xa/"]').first();
    assert.ok(await link.count(), 'a commune linking to its overview');
    await screenshots(prov, 'province');
  } finally {
    await browser.close();
  }
});
